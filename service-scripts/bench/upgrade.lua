-- (e) Upgrade (plain skynet Lua apart from skynet.upgrade):
-- 1. call throughput to a service directly vs through a managed (routed) name, the median of RUNS
--    passes each, after a quarter-size warm-up pass of each;
-- 2. latency seen by a caller making ~10,000 calls/s while the service is upgraded again and again.
local skynet = require "skynet"
require "skynet.manager"
local upgrade = require "skynet.upgrade"
local bench = require "benchlib"

local CALLS, RUNS, UPGRADES = bench.param("bench_calls", 200000), bench.param("bench_passes", 5), bench.param("bench_upgrades", 20)

local function calls_per_second(addr, n)
	local t0 = skynet.hpc()
	for i = 1, n do
		skynet.call(addr, "lua", "echo", i)
	end
	return n / ((skynet.hpc() - t0) / 1e9)
end

-- 0 for an empty list: with few upgrades no call may land while one runs (busy_calls=0 says so)
local function percentile(sorted, p)
	return sorted[math.max(1, math.ceil(#sorted * p))] or 0
end

local function median(t)
	local s = { table.unpack(t) }
	table.sort(s)
	return s[math.ceil(#s / 2)]
end

skynet.start(function()
	local direct = skynet.newservice("upgrade_echo")
	local routed = upgrade.newservice(".bench_echo", "upgrade_echo")

	calls_per_second(direct, CALLS / 4) -- warm-up, not counted
	calls_per_second(routed, CALLS / 4)
	local d, r = {}, {}
	for i = 1, RUNS do
		d[i] = calls_per_second(direct, CALLS)
		r[i] = calls_per_second(routed, CALLS)
	end
	local md, mr = median(d), median(r)
	print(string.format("BENCH routed_call calls=%d runs=%d warmup=%d direct_per_s=%d routed_per_s=%d routing_cost_pct=%.1f",
		CALLS, RUNS, math.floor(CALLS / 4), math.floor(md), math.floor(mr), (md - mr) / md * 100)) -- %d needs integers in Lua 5.4

	-- a caller at ~10,000 calls/s: 100 calls, then sleep 1 cs
	local quiet, busy = {}, {}
	local upgrading, stop, stopped = false, false, false
	skynet.fork(function()
		while not stop do
			for k = 1, 100 do
				local t0 = skynet.hpc()
				skynet.call(routed, "lua", "echo", k)
				local us = (skynet.hpc() - t0) / 1000
				local into = upgrading and busy or quiet
				into[#into + 1] = us
			end
			skynet.sleep(1)
		end
		stopped = true
	end)
	skynet.sleep(100)
	local totals = {}
	for i = 1, UPGRADES do
		upgrading = true
		local t0 = skynet.hpc()
		local ok, report = upgrade.upgrade(".bench_echo")
		totals[i] = (skynet.hpc() - t0) / 1e6
		upgrading = false
		if not ok then
			print(report)
			error("upgrade failed")
		end
		skynet.sleep(10)
	end
	stop = true
	while not stopped do skynet.sleep(1) end
	table.sort(quiet)
	table.sort(busy)
	table.sort(totals)
	local count = skynet.call(routed, "lua", "count")
	print(string.format("BENCH upgrade_pause upgrades=%d quiet_calls=%d quiet_p50_us=%.0f quiet_p99_us=%.0f quiet_max_us=%.0f busy_calls=%d busy_p50_us=%.0f busy_p99_us=%.0f busy_max_us=%.0f upgrade_p50_ms=%.2f upgrade_max_ms=%.2f calls_counted=%d",
		UPGRADES, #quiet, percentile(quiet, 0.5), percentile(quiet, 0.99), percentile(quiet, 1),
		#busy, percentile(busy, 0.5), percentile(busy, 0.99), percentile(busy, 1),
		percentile(totals, 0.5), totals[#totals], count))
	skynet.abort()
end)
