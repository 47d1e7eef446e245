-- (a) call ping-pong: one coroutine calls an echo service N times, then the same number of calls
-- split over 10 forked callers. A full untimed pass of each runs first (warm-up).
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
	calls(echo, N) -- warm-up
	forked(echo)

	local m = bench.start()
	calls(echo, N)
	local secs, cpu = bench.stop(m)
	bench.report("call_1", { { "calls", N }, { "secs", secs }, { "rate", N / secs }, { "cpu_us_each", cpu * 1e6 / N } })

	m = bench.start()
	forked(echo)
	secs, cpu = bench.stop(m)
	bench.report("call_10", { { "calls", N }, { "callers", CALLERS }, { "secs", secs }, { "rate", N / secs },
		{ "cpu_us_each", cpu * 1e6 / N } })
	skynet.abort()
end)
