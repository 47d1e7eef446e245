-- skynet.term: a call to a service that will never answer fails once the caller treats it as dead.
local skynet = require "skynet"
local service = require "skynet.service"
local check = require "check"

local function silent()
	local skynet = require "skynet"
	skynet.start(function()
		skynet.dispatch("lua", function() skynet.response() end) -- keeps the reply, never sends it
	end)
end

skynet.start(function()
	local s = service.new("silent", silent)
	local result
	skynet.fork(function()
		result = table.pack(pcall(skynet.call, s, "lua", "hello"))
	end)
	skynet.sleep(5)
	check.eq("the call is pending", result, nil)
	skynet.term(s)
	skynet.yield()
	check.eq("term fails the pending call", result and result[1], false)
	check.ok("with call failed", result and tostring(result[2]):find("call failed", 1, true), result and result[2])
	print("DONE")
end)
