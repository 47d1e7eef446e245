-- The cpu.lua workloads on a stock Lua interpreter, for reference (no skynet needed):
--   lua5.2 service-scripts/bench/cpu_reference.lua      (or lua5.4, luajit...)
-- Each is repeated for 3 s of CPU time first (warm-up, as on skynetj), then the best of 3 runs is printed
-- as cpu.lua prints it. os.clock() is process CPU time, as good as wall time for one busy thread.
local dir = string.match(arg and arg[0] or "", "^(.*)/[^/]*$") or "."
package.path = dir .. "/?.lua;" .. package.path
local work = require "cpu_workloads"

local function best(f, runs)
	local t0 = os.clock()
	repeat f() until os.clock() - t0 >= 3
	local min = math.huge
	for _ = 1, runs do
		local t = os.clock()
		f()
		min = math.min(min, os.clock() - t)
	end
	return min
end

print(string.format("BENCH fib30 secs=%.4f", best(work.fib30, 3)))
print(string.format("BENCH tables_strings secs=%.4f", best(work.tables_strings, 3)))
