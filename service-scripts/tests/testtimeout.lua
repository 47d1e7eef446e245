-- The timeout pattern: a call that gives up after a while, the slow service made with service.new.
local skynet = require "skynet"
local service = require "skynet.service"
local check = require "check"

local function slow_service()
	local skynet = require "skynet"
	skynet.start(function()
		skynet.dispatch("lua", function(_, _, ti)
			skynet.sleep(ti)
			skynet.retpack(ti)
		end)
	end)
end

-- call addr with a timeout (cs): the reply, or nil and "timeout"
local function timeout_call(ti, addr, ...)
	local co = coroutine.running()
	local ret
	skynet.fork(function(...)
		ret = table.pack(pcall(skynet.call, addr, "lua", ...))
		if co then
			skynet.wakeup(co)
		end
	end, ...)
	skynet.sleep(ti)
	co = nil
	if ret == nil then
		return nil, "timeout"
	end
	if ret[1] then
		return table.unpack(ret, 2, ret.n)
	end
	error(ret[2])
end

skynet.start(function()
	local slow = service.new("slow", slow_service)
	check.eq("fast enough", timeout_call(50, slow, 1), 1)
	local r, err = timeout_call(5, slow, 100)
	check.eq("too slow times out", err, "timeout")
	check.eq("the service is unique", service.new("slow", slow_service), slow)
	print("DONE")
end)
