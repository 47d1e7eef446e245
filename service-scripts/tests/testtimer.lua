-- Timers: timeouts fire in expiry order (equal ones in creation order), sleep returns nil or "BREAK"
-- when woken early, now() after a sleep is never early, and a fork runs later with its arguments.
local skynet = require "skynet"
local check = require "check"

local function timeouts_in_order()
	local fired = {}
	for _, ti in ipairs { 30, 10, 20, 0, 10 } do
		skynet.timeout(ti, function() fired[#fired + 1] = ti end)
	end
	check.eq("timeout(0) waits for this coroutine to yield", #fired, 0)
	skynet.sleep(40)
	check.eq("timeouts fire in expiry order", check.list(fired), "0,10,10,20,30")

	local same = {}
	for i = 1, 5 do
		skynet.timeout(5, function() same[#same + 1] = i end)
	end
	skynet.sleep(15)
	check.eq("equal timeouts fire in creation order", check.list(same), "1,2,3,4,5")
end

local function sleep_and_lateness()
	local t0 = skynet.now()
	check.eq("sleep returns nil", skynet.sleep(20), nil)
	local late = skynet.now() - t0 - 20
	check.ok("now() after sleep(20) is not early", late >= 0, late)
	local now = skynet.now() -- read once: a tick may pass between two reads
	check.eq("now is an integer count of cs", math.type(now), "integer")
	check.ok("time() = starttime() + now()/100",
		math.abs(skynet.time() - (skynet.starttime() + skynet.now() / 100)) <= 0.02, skynet.time())
end

local function wakeup_breaks_sleep()
	local result
	skynet.fork(function()
		result = skynet.sleep(1000, "token")
	end)
	skynet.yield()
	check.eq("wakeup of a sleeping token", skynet.wakeup("token"), true)
	check.eq("the woken one runs after the waker yields", result, nil)
	skynet.yield()
	check.eq("woken sleep returns BREAK", result, "BREAK")
	check.ok("wakeup of nobody is not true", not skynet.wakeup("token"), "got true")

	local woken = false
	local co = skynet.fork(function()
		skynet.wait()
		woken = true
	end)
	skynet.sleep(5)
	check.eq("wait waits", woken, false)
	check.eq("wakeup of a waiting coroutine", skynet.wakeup(co), true)
	skynet.yield()
	check.eq("wait returns after wakeup", woken, true)
end

local function fork_arguments()
	local got
	skynet.fork(function(...) got = check.list { ... } end, 7, "a")
	local later = function() end -- takes the stack slots the arguments were passed in
	skynet.yield()
	check.eq("a fork gets its arguments as they were", got, "7,a")
end

skynet.start(function()
	fork_arguments()
	timeouts_in_order()
	sleep_and_lateness()
	wakeup_breaks_sleep()
	print("DONE")
end)
