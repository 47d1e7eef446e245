-- (a) call ping-pong: one coroutine calls an echo service N times, then the same number of calls
-- split over 10 forked callers. Both are repeated untimed for bench_warmup_secs first (warm-up); the
-- first of those passes is reported as cold_rate. Then each is timed 3 times (bench_passes) and the
-- median pass is reported.
local skynet = require "skynet"
require "skynet.manager"
local bench = require "benchlib"

local N = bench.param("bench_calls", 200000)
local CALLERS = 10

local function calls(echo, n)
	for i = 1, n do
		skynet.call(echo, "lua", i)
	end
end

local function forked(echo)
	local fns = {}
	for c = 1, CALLERS do
		fns[c] = function() calls(echo, N / CALLERS) end
	end
	bench.join(fns)
end

skynet.start(function()
	local echo = skynet.newservice("bench_echo")
	local cold
	bench.warmup(function()
		local t0 = skynet.hpc()
		calls(echo, N)
		cold = cold or bench.since(t0)
		forked(echo)
	end)

	local secs, cpu = bench.timed(function() calls(echo, N) end, 3)
	bench.report("call_1", { { "calls", N }, { "secs", secs }, { "rate", N / secs }, { "cpu_us_each", cpu * 1e6 / N },
		{ "cold_rate", N / cold } })

	secs, cpu = bench.timed(function() forked(echo) end, 3)
	bench.report("call_10", { { "calls", N }, { "callers", CALLERS }, { "secs", secs }, { "rate", N / secs },
		{ "cpu_us_each", cpu * 1e6 / N } })
	skynet.abort()
end)
