-- The CPU-bound workloads of cpu.lua as a plain Lua module (no skynet), so that cpu_reference.lua
-- can time the same code on a stock Lua interpreter.
local M = {}

local function fib(n)
	if n < 2 then
		return n
	end
	return fib(n - 1) + fib(n - 2)
end

local function tables_strings()
	local words = {}
	for i = 1, 20000 do
		words[i] = string.format("w%05d:%s", (i * 7919) % 20000, string.rep("x", i % 7))
	end
	table.sort(words)
	local counts = {}
	for _, w in ipairs(words) do
		local k = string.sub(w, 2, 3)
		counts[k] = (counts[k] or 0) + #w
	end
	local parts = {}
	for k, v in pairs(counts) do
		parts[#parts + 1] = k .. "=" .. v
	end
	local s = table.concat(parts, ",")
	s = string.gsub(s, "%d+", function(d) return tostring(tonumber(d) * 2) end)
	local objs = {}
	for i = 1, 50000 do
		objs[i] = { id = i, name = "n" .. i, tags = { i, i + 1 } }
	end
	local sum = 0
	for _, o in ipairs(objs) do
		sum = sum + o.tags[2] - o.id + #o.name
	end
	return #s + sum
end

M.fib30 = function() return fib(30) end
M.tables_strings = tables_strings

return M
