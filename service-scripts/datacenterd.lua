-- The node's data center (global name DATACENTER, started by bootstrap): a tree of values addressed
-- by key paths, used through require "skynet.datacenter".
--   QUERY k1 .. kn        -> the value at that path, or nil
--   UPDATE k1 .. kn value -> the previous value; creates missing branches; wakes waiters
--   WAIT k1 .. kn         -> the value, once it is not nil
-- A wait is for a leaf: a waiter whose path becomes a branch (a value set below it) fails.
local skynet = require "skynet"

local data = {}
-- waiters: a tree mirroring the data: node.sub[key] = child node, node.queue = response closures
local waiters = { sub = {} }

local function walk(t, n, ...)
	for i = 1, n do
		if type(t) ~= "table" then
			return nil
		end
		t = t[(select(i, ...))]
	end
	return t
end

local command = {}

function command.QUERY(...)
	return walk(data, select("#", ...), ...)
end

local function path_name(n, ...)
	local parts = {}
	for i = 1, n do
		parts[i] = tostring((select(i, ...)))
	end
	return table.concat(parts, ".")
end

local function fail(queue, why)
	skynet.error("datacenter: " .. why)
	for _, resp in ipairs(queue) do
		resp(false)
	end
end

-- Waiters below a path whose value changed: those whose value now exists are answered.
local function settle(node, value)
	for key, child in pairs(node.sub) do
		local v = type(value) == "table" and value[key] or nil
		if child.queue and v ~= nil then
			for _, resp in ipairs(child.queue) do
				resp(true, v)
			end
			child.queue = nil
		end
		settle(child, v)
	end
end

function command.UPDATE(...)
	local n = select("#", ...) - 1
	assert(n >= 1, "datacenter.set needs at least a key and a value")
	local value = select(n + 1, ...)
	local t = data
	local node = waiters
	for i = 1, n - 1 do
		local key = select(i, ...)
		local next_t = t[key]
		if next_t == nil then
			next_t = {}
			t[key] = next_t
		elseif type(next_t) ~= "table" then
			error("datacenter: " .. path_name(i, ...) .. " is a " .. type(next_t) .. ", not a branch")
		end
		t = next_t
		if node then
			node = node.sub[key]
			if node and node.queue then
				fail(node.queue, "wait for " .. path_name(i, ...) .. " failed: it became a branch")
				node.queue = nil
			end
		end
	end
	local key = select(n, ...)
	local old = t[key]
	t[key] = value
	node = node and node.sub[key]
	if node then
		if node.queue and value ~= nil then
			for _, resp in ipairs(node.queue) do
				resp(true, value)
			end
			node.queue = nil
		end
		settle(node, value)
	end
	return old
end

function command.WAIT(...)
	local n = select("#", ...)
	local value = walk(data, n, ...)
	if value ~= nil then
		return value
	end
	local node = waiters
	for i = 1, n do
		local key = select(i, ...)
		local child = node.sub[key]
		if not child then
			child = { sub = {} }
			node.sub[key] = child
		end
		node = child
	end
	node.queue = node.queue or {}
	table.insert(node.queue, skynet.response()) -- answered by a later UPDATE
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		local f = command[cmd]
		if not f then
			error("datacenter: unknown command " .. tostring(cmd))
		end
		if cmd == "WAIT" then
			local value = f(...)
			if value ~= nil then
				skynet.retpack(value)
			end
		else
			skynet.retpack(f(...))
		end
	end)
end)
