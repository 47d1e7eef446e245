-- (d) N timeout(0) callbacks: callbacks per second until the last one ran. Then N timeouts spread
-- over 1..100 cs: when the last one fired and the lateness of each against its own arming time
-- (worst in skynet.now() centiseconds, which can read 1 too many as both ends are rounded down;
-- worst, median and 99th percentile in skynet.hpc() milliseconds). Passes of both are repeated untimed for
-- bench_warmup_secs first (warm-up); the first timeout(0) pass, in a fresh node, is reported as cold_rate.
local skynet = require "skynet"
require "skynet.manager"
local bench = require "benchlib"

local N = bench.param("bench_timers", 10000)

local function zero()
	local done = 0
	local me = coroutine.running()
	for i = 1, N do
		skynet.timeout(0, function()
			done = done + 1
			if done == N then
				skynet.wakeup(me)
			end
		end)
	end
	skynet.wait(me)
end

local function spread()
	local done, late_cs, late_ms = 0, 0, 0
	local lates = {}
	local me = coroutine.running()
	local t0 = skynet.hpc()
	local last
	for i = 1, N do
		local ti = (i - 1) % 100 + 1
		local armed, armed_cs = skynet.hpc(), skynet.now()
		skynet.timeout(ti, function()
			local now = skynet.hpc()
			late_cs = math.max(late_cs, skynet.now() - armed_cs - ti)
			local late = (now - armed) / 1e6 - ti * 10
			late_ms = math.max(late_ms, late)
			lates[#lates + 1] = late
			done = done + 1
			if done == N then
				last = (now - t0) / 1e9
				skynet.wakeup(me)
			end
		end)
	end
	local arm_ms = (skynet.hpc() - t0) / 1e6
	skynet.wait(me)
	table.sort(lates)
	return last, late_cs, late_ms, lates[math.floor(#lates / 2) + 1], lates[math.floor(#lates * 0.99) + 1], arm_ms
end

skynet.start(function()
	local cold
	bench.warmup(function()
		local t0 = skynet.hpc()
		zero()
		cold = cold or bench.since(t0)
		spread()
	end)
	local t0 = skynet.hpc()
	zero()
	local secs = bench.since(t0)
	bench.report("timeout0", { { "callbacks", N }, { "secs", secs }, { "rate", N / secs }, { "cold_rate", N / cold } })

	local last, late_cs, late_ms, p50, p99, arm_ms = spread()
	bench.report("timeout_spread", { { "timers", N }, { "all_fired_secs", last },
		{ "max_late_cs", late_cs }, { "max_late_ms", late_ms }, { "p50_late_ms", p50 }, { "p99_late_ms", p99 },
		{ "arm_ms", arm_ms } })
	skynet.abort()
end)
