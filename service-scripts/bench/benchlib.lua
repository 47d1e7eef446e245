-- Helpers shared by the benchmark services. Plain Lua 5.2/5.4 and skynet API only, so every bench
-- service runs unchanged on skynet (put this directory in luaservice and lua_path there too).
local skynet = require "skynet"

local bench = {}

-- A stopwatch of wall and process CPU time: local m = bench.start() ... local secs, cpu = bench.stop(m)
function bench.start()
	return { t = skynet.hpc(), cpu = bench.cpu_secs() }
end

function bench.stop(m)
	return (skynet.hpc() - m.t) / 1e9, bench.cpu_secs() - m.cpu
end

-- Times pass() (one pass of the workload) `passes` times (config key bench_passes overrides) and
-- returns the median wall seconds and the CPU seconds of that same pass: one pass is short, and a
-- collection or another process's burst can land on it. A pass that times only part of itself
-- returns its own wall and CPU seconds.
--
-- The warm-up runs its passes through the same measure(): LuaJ runs all Lua code in one interpreter
-- method (LuaClosure.execute), and Lua code the warm-up never ran (the stopwatch reading /proc, even
-- an `a or b`) hit the compiled interpreter's uncommon traps, so C2 deoptimized and recompiled it
-- (0.4-0.5 s of one of the two cores, JFR jdk.Compilation) during the timed passes.
local function measure(pass, i)
	local m = bench.start()
	local own_secs, own_cpu = pass(i)
	local secs, cpu = bench.stop(m)
	return { own_secs or secs, own_cpu or cpu }
end

function bench.timed(pass, passes)
	passes = bench.param("bench_passes", passes)
	local runs = {}
	for i = 1, passes do
		runs[i] = measure(pass, i)
	end
	table.sort(runs, function(a, b) return a[1] < b[1] end)
	local mid = runs[math.floor(passes / 2) + 1]
	return mid[1], mid[2]
end

-- Seconds since t0 (a skynet.hpc() value).
function bench.since(t0)
	return (skynet.hpc() - t0) / 1e9
end

-- One field of /proc/self/status in KB (VmRSS, VmHWM, ...), or -1 where /proc is missing.
function bench.status_kb(field)
	local f = io.open("/proc/self/status", "r")
	if not f then
		return -1
	end
	-- line by line: LuaJ's read("*a") trusts the file size, which /proc reports as 0
	local found = -1
	for line in f:lines() do
		local v = string.match(line, "^" .. field .. ":%s*(%d+)")
		if v then
			found = tonumber(v)
			break
		end
	end
	f:close()
	return found
end

-- CPU seconds used by the whole process so far (user + system, every thread: JIT and GC included
-- on skynetj), from /proc/self/stat at 100 ticks a second; -1 where /proc is missing. Less
-- disturbed than wall time when other processes share the cores.
function bench.cpu_secs()
	local f = io.open("/proc/self/stat", "r")
	if not f then
		return -1
	end
	local line = f:read("*l")
	f:close()
	local fields = {}
	for w in string.gmatch(string.match(line, "%)%s*(.*)$"), "%S+") do
		fields[#fields + 1] = w
	end
	-- after "(comm)": state is field 3 of the man page, utime 14 and stime 15
	return (tonumber(fields[12]) + tonumber(fields[13])) / 100
end

function bench.rss_kb()
	return bench.status_kb("VmRSS")
end

-- Lua heap in KB after full collections. skynet: this service's Lua VM only; skynetj: the whole
-- JVM heap in use (LuaJ's collectgarbage), so deltas there are the kernel's real retained memory.
-- The smallest count after each of four collections: on the JVM one collection can leave garbage
-- that the next frees (objects still being released by other threads), and thread-local allocation
-- buffers taken right after a collection count as used.
function bench.heap_kb()
	local min = math.huge
	for _ = 1, 4 do
		collectgarbage("collect")
		local kb = collectgarbage("count")
		min = math.min(min, kb)
	end
	return min
end

local function fmt(v)
	if type(v) == "number" then
		if v == math.floor(v) and math.abs(v) < 1e15 then
			return string.format("%d", v)
		end
		return string.format("%.4f", v)
	end
	return tostring(v)
end

-- Prints "BENCH <name> k1=v1 k2=v2 ..." (keys in the order given: a list of {key, value} pairs).
function bench.report(name, fields)
	local parts = { "BENCH", name }
	for _, kv in ipairs(fields) do
		parts[#parts + 1] = kv[1] .. "=" .. fmt(kv[2])
	end
	print(table.concat(parts, " "))
end

-- Warm-up: runs pass(0) (one pass of the workload, measured as bench.timed measures it) again and
-- again until bench_warmup_secs seconds (config key, default 10) have passed, at least once, so that
-- the JIT has compiled the hot paths before the timed passes. Returns the seconds the first (cold)
-- pass took.
function bench.warmup(pass)
	local limit = bench.param("bench_warmup_secs", 10)
	local t0 = skynet.hpc()
	local first
	repeat
		local secs = measure(pass, 0)[1]
		first = first or secs
	until (skynet.hpc() - t0) / 1e9 >= limit
	return first
end

-- Runs n functions as forks and returns once all have returned.
function bench.join(fns)
	local left = #fns
	local me = coroutine.running()
	for _, f in ipairs(fns) do
		skynet.fork(function()
			f()
			left = left - 1
			if left == 0 then
				skynet.wakeup(me)
			end
		end)
	end
	skynet.wait(me)
end

-- A number from the config/environment (skynet.getenv) or the default.
function bench.param(key, default)
	local v = skynet.getenv(key)
	return v and tonumber(v) or default
end

return bench
