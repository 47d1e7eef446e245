-- (c) N sequential newservice of a minimal service, then kill them all: creation and kill rates,
-- and memory per live service (RSS growth; heap growth after a full GC, which on skynetj is the
-- whole JVM heap, on skynet only this service's Lua heap). One pass measures the memory first; then
-- create-and-kill passes of N services are repeated untimed for bench_warmup_secs (warm-up), and 5
-- timed passes (bench_passes) give the median rates. The memory pass, in a cold JVM, gives cold_rate.
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
	-- memory per live service first (full collections, heap readings), so that the timed passes
	-- follow the warm-up of the same workload directly
	-- (this pass, in a cold JVM, gives cold_rate)
	local list = {}
	local heap0, rss0 = bench.heap_kb(), bench.rss_kb()
	local t0 = skynet.hpc()
	create(list)
	local cold = bench.since(t0)
	local heap1, rss1 = bench.heap_kb(), bench.rss_kb()
	kill(list)

	-- one pass: create N (timed, wall and CPU), then kill them (timed); the warm-up runs the very
	-- same pass (see bench.timed on why)
	local kills = {}
	local function pass(i)
		skynet.sleep(5)
		local l = {}
		local m = bench.start()
		create(l)
		local secs, cpu = bench.stop(m)
		local t1 = skynet.hpc()
		kill(l)
		kills[i] = bench.since(t1)
		return secs, cpu
	end
	bench.warmup(pass)
	kills[0] = nil

	-- rates: the median of 5 timed passes (bench_passes)
	local create_secs, create_cpu = bench.timed(pass, 5)
	table.sort(kills)
	local kill_secs = kills[math.floor(#kills / 2) + 1]

	bench.report("newservice", { { "services", N }, { "secs", create_secs }, { "rate", N / create_secs },
		{ "us_each", create_secs * 1e6 / N }, { "cpu_us_each", create_cpu * 1e6 / N },
		{ "rss_kb_each", (rss1 - rss0) / N }, { "heap_kb_each", (heap1 - heap0) / N }, { "cold_rate", N / cold } })
	bench.report("kill", { { "services", N }, { "secs", kill_secs }, { "rate", N / kill_secs } })
	skynet.abort()
end)
