-- require "skynet.datasheet.builder": publishes named read-only tables to every service of the node.
-- builder.new(name, t) publishes the first version, builder.update(name, t) a new one that readers'
-- tables follow (t may also be a document from builder.compile). The document string is kept here,
-- the node's one copy, until the "datasheet" service says no reader holds that version any more.
local skynet = require "skynet"
local service = require "skynet.service"
local dump = require "skynet.datasheet.dump"
local core = require "skynet.datasheet.core"

local builder = {}
local keeper
local newest = {}	-- name -> { doc = document string, handle = its handle }
local kept = {}	-- handle -> document string, while a reader may use it

local function document(v)
	if type(v) == "string" then
		return v
	end
	return dump.dump(v)
end

local function publish(name, doc)
	local handle = core.stringpointer(doc)
	kept[handle] = doc
	skynet.call(keeper, "lua", "update", name, handle)
	skynet.fork(function()
		skynet.call(keeper, "lua", "collect", handle)
		kept[handle] = nil
	end)
	newest[name] = { doc = doc, handle = handle }
end

function builder.new(name, v)
	assert(newest[name] == nil, "datasheet exists: " .. tostring(name))
	publish(name, document(v))
end

function builder.update(name, v)
	local last = assert(newest[name], "no datasheet: " .. tostring(name))
	publish(name, dump.diff(last.doc, document(v)))
	skynet.send(keeper, "lua", "release", last.handle)
end

function builder.compile(v)
	return dump.dump(v)
end

-- The node's "datasheet" service: which handle is the newest of each name, who holds which
-- handle, and the readers waiting for a newer one. Runs in its own service (skynet.service).
local function keeper_main()
	local skynet = require "skynet"
	local sheets = {}	-- name -> { handle = newest, waiting = { [reader] = response } }
	local refs = {}	-- handle -> { name =, count = holders, collect = builder's response }
	local holders = {}	-- reader -> { [handle] = true }

	local function held_by(reader)
		local h = holders[reader]
		if not h then
			h = {}
			holders[reader] = h
		end
		return h
	end

	local function drop(handle)
		local ref = refs[handle]
		ref.count = ref.count - 1
		if ref.count == 0 and ref.collect then
			ref.collect(true)
			refs[handle] = nil
		end
	end

	local command = {}

	function command.update(_, name, handle)
		local sheet = sheets[name]
		if not sheet then
			sheets[name] = { handle = handle, waiting = {} }
			refs[handle] = { name = name, count = 1 }
		else
			-- the new version is held by whoever holds the last one: they move to it
			refs[handle] = { name = name, count = refs[sheet.handle].count }
			sheet.handle = handle
			local waiting = sheet.waiting
			sheet.waiting = {}
			for reader, respond in pairs(waiting) do
				held_by(reader)[handle] = true
				respond(true, handle)
			end
		end
		skynet.ret()
	end

	function command.query(reader, name)
		local sheet = assert(sheets[name], "create data first")
		local ref = refs[sheet.handle]
		ref.count = ref.count + 1
		held_by(reader)[sheet.handle] = true
		skynet.ret(skynet.pack(sheet.handle))
	end

	-- answers when the sheet of handle has a newer version than handle
	function command.monitor(reader, handle)
		local ref = assert(refs[handle], "Invalid data handle")
		local sheet = sheets[ref.name]
		if sheet.handle ~= handle then
			held_by(reader)[sheet.handle] = true
			skynet.ret(skynet.pack(sheet.handle))
		else
			assert(not sheet.waiting[reader], "already monitoring")
			sheet.waiting[reader] = skynet.response()
		end
	end

	function command.release(reader, handle)
		held_by(reader)[handle] = nil
		drop(handle)
	end

	-- a reader that is gone: whatever it held is released
	function command.close(reader)
		for handle in pairs(held_by(reader)) do
			sheets[refs[handle].name].waiting[reader] = nil
			drop(handle)
		end
		holders[reader] = nil
	end

	-- answers once no reader holds handle
	function command.collect(_, handle)
		local ref = assert(refs[handle], "Invalid data handle")
		if ref.count == 0 then
			refs[handle] = nil
			skynet.ret()
		else
			assert(ref.collect == nil, "Only one collect allows")
			ref.collect = skynet.response()
		end
	end

	skynet.start(function()
		skynet.dispatch("lua", function(_, source, cmd, ...)
			local f = assert(command[cmd], "unknown datasheet command")
			f(source, ...)
		end)
		skynet.info_func(function()
			local info = {}
			for name, sheet in pairs(sheets) do
				info[name] = { handle = sheet.handle, holders = refs[sheet.handle].count }
			end
			return info
		end)
	end)
end

skynet.init(function()
	keeper = service.new("datasheet", keeper_main)
end)

return builder
