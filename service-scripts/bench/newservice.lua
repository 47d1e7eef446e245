-- (c) N sequential newservice of a minimal service, then kill them all: creation and kill rates,
-- and memory per live service (RSS growth; heap growth after a full GC, which on skynetj is the
-- whole JVM heap, on skynet only this service's Lua heap). An untimed create-and-kill pass of N
-- services runs first (warm-up).
local skynet = require "skynet"
require "skynet.manager"
local bench = require "benchlib"

local N = bench.param("bench_services", 1000)

local function create(list)
	for i = 1, N do
		list[i] = skynet.newservice("bench_minimal")
	end
end

local function kill(list)
	for i = 1, N do
		skynet.kill(list[i])
	end
end

skynet.start(function()
	local warm = {}
	create(warm)
	kill(warm)
	warm = nil

	local list = {}
	local heap0 = bench.heap_kb()
	local rss0 = bench.rss_kb()
	local m = bench.start()
	create(list)
	local create_secs, create_cpu = bench.stop(m)
	local heap1 = bench.heap_kb()
	local rss1 = bench.rss_kb()

	local t0 = skynet.hpc()
	kill(list)
	local kill_secs = bench.since(t0)

	bench.report("newservice", { { "services", N }, { "secs", create_secs }, { "rate", N / create_secs },
		{ "us_each", create_secs * 1e6 / N }, { "cpu_us_each", create_cpu * 1e6 / N },
		{ "rss_kb_each", (rss1 - rss0) / N }, { "heap_kb_each", (heap1 - heap0) / N } })
	bench.report("kill", { { "services", N }, { "secs", kill_secs }, { "rate", N / kill_secs } })
	skynet.abort()
end)
