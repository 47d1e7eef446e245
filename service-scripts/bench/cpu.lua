-- (f) CPU-bound Lua, to track interpreter cost: fib(30), and a table/string workload (format,
-- concat, gsub, sort, table churn). Each is repeated untimed for bench_warmup_secs (warm-up), then
-- the best of 3 timed runs is reported. The workloads are in cpu_workloads.lua; cpu_reference.lua
-- times them on a stock Lua: lua5.2 service-scripts/bench/cpu_reference.lua
local skynet = require "skynet"
require "skynet.manager"
local bench = require "benchlib"

local work = require "cpu_workloads"

local function best(f, runs)
	bench.warmup(f)
	local min = math.huge
	for _ = 1, runs do
		local t0 = skynet.hpc()
		f()
		min = math.min(min, bench.since(t0))
	end
	return min
end

skynet.start(function()
	bench.report("fib30", { { "secs", best(work.fib30, 3) } })
	bench.report("tables_strings", { { "secs", best(work.tables_strings, 3) } })
	skynet.abort()
end)
