-- Calls that cannot be answered. skynet fails them when the callee exits; where skynet's caller
-- would wait forever (callee killed mid-request, reply forgotten), skynetj's call fails too.
local skynet = require "skynet"
require "skynet.manager"
local check = require "check"

-- one fresh victim per case, all from this file: "sleep" holds a request, "forget" drops it,
-- "exit" exits while another request is held
local function victim()
	skynet.start(function()
		skynet.dispatch("lua", function(_, _, cmd)
			if cmd == "sleep" then
				skynet.sleep(1000)
				skynet.retpack("woke")
			elseif cmd == "exit" then
				skynet.exit()
			end -- "forget": returns without replying
		end)
	end)
end

-- calls addr in a fork; returns a function giving "ok:why" once the call has ended, else nil
local function pending(addr, cmd)
	local result
	skynet.fork(function()
		local ok, err = pcall(skynet.call, addr, "lua", cmd)
		result = tostring(ok) .. ":" .. (tostring(err):match("call failed") or tostring(err))
	end)
	return function() return result end
end

local function main()
	local v = skynet.newservice("testdeadcall", "victim")
	local r = pending(v, "sleep")
	skynet.sleep(5)
	check.eq("the call is pending", r(), nil)
	skynet.send(v, "lua", "exit")
	skynet.sleep(5)
	check.eq("callee exits: call failed", r(), "false:call failed")
	check.raises("a call to the dead address", "call to invalid address", skynet.call, v, "lua", "sleep")

	v = skynet.newservice("testdeadcall", "victim")
	r = pending(v, "sleep")
	skynet.sleep(5)
	skynet.kill(v)
	skynet.sleep(5)
	check.eq("callee killed mid-request: call failed (skynet would hang)", r(), "false:call failed")

	v = skynet.newservice("testdeadcall", "victim")
	r = pending(v, "forget")
	skynet.sleep(5)
	check.eq("reply forgotten: call failed (skynet would hang)", r(), "false:call failed")
	check.eq("the forgetful service lives on", skynet.send(v, "lua", "forget"), 0)

	v = skynet.newservice("testdeadcall", "victim")
	local queued = {}
	for i = 1, 3 do
		queued[i] = pending(v, "sleep")
	end
	skynet.sleep(5)
	skynet.kill(v)
	skynet.sleep(5)
	check.eq("every pending call fails at once", check.list { queued[1](), queued[2](), queued[3]() },
		"false:call failed,false:call failed,false:call failed")
	print("DONE")
end

if ... == "victim" then
	victim()
else
	skynet.start(main)
end
