-- require "skynet.service": a service whose code is a Lua function of the caller.
-- service.new(name, mainfunc, ...) starts, once per node and name, a service running mainfunc(...)
-- (string.dump'ed and loaded there); mainfunc may use only globals (its only upvalue is _ENV), so it
-- requires what it needs itself and usually calls skynet.start. Later calls with the same name,
-- concurrent ones included, get the same address.
local skynet = require "skynet"

local service = {}
local cache = {}
local provider

local function get_provider()
	provider = provider or skynet.uniqueservice("service_provider")
	return provider
end

-- The function travels as bytecode: any upvalue but _ENV would arrive unset.
local function check(func)
	assert(type(func) == "function", "service.new needs a function")
	local info = debug.getinfo(func, "u")
	local name = debug.getupvalue(func, 1)
	assert(info.nups == 0 or (info.nups == 1 and name == "_ENV"),
		"service.new: the main function may use only globals, it has upvalue " .. tostring(name == "_ENV" and debug.getupvalue(func, 2) or name))
end

function service.new(name, mainfunc, ...)
	local addr = cache[name]
	if addr then
		return addr
	end
	check(mainfunc)
	addr = skynet.call(get_provider(), "lua", "new", name, string.dump(mainfunc), ...)
	cache[name] = addr
	return addr
end

-- The address of the service called name; blocks until someone creates it.
function service.query(name)
	local addr = cache[name]
	if not addr then
		addr = skynet.call(get_provider(), "lua", "query", name)
		cache[name] = addr
	end
	return addr
end

-- Kills the service called name; a later new starts a fresh one.
function service.close(name)
	cache[name] = nil
	return skynet.call(get_provider(), "lua", "close", name)
end

return service
