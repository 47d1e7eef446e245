-- A key-value store service. Commands (lua protocol):
--   call SET key value -> previous value     call GET key -> value
--   send INCR key                            call KEYS -> sorted list of keys
--   call EXPIRE key cs -> true (the key is removed after cs centiseconds, by a timer)
local skynet = require "skynet"

local store = {}
local CMD = {}

function CMD.SET(key, value)
	local old = store[key]
	store[key] = value
	return old
end

function CMD.GET(key)
	return store[key]
end

function CMD.INCR(key)
	store[key] = (store[key] or 0) + 1
end

function CMD.KEYS()
	local keys = {}
	for k in pairs(store) do
		keys[#keys + 1] = k
	end
	table.sort(keys)
	return keys
end

function CMD.EXPIRE(key, cs)
	skynet.timeout(cs, function()
		skynet.error("expired " .. key)
		store[key] = nil
	end)
	return true
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		local f = assert(CMD[cmd], "unknown command " .. tostring(cmd))
		if session == 0 then
			f(...)
		else
			skynet.retpack(f(...))
		end
	end)
end)
