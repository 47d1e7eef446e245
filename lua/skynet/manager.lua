-- require "skynet.manager": adds service management functions to the skynet table.
local skynet = require "skynet"
local c = require "skynet.core"

-- Starts a service directly, not through the launcher ("snlua name args..."); returns its address or nil.
function skynet.launch(kind, ...)
	local cmd = table.concat({ ... }, " ")
	if kind ~= "snlua" then
		skynet.error("skynet.launch: only Lua services (snlua) exist in skynetj, not " .. tostring(kind))
		return nil
	end
	local addr, err = c.launch(cmd)
	if not addr then
		skynet.error(err)
	end
	return addr
end

function skynet.kill(name)
	if type(name) == "number" then
		skynet.send(".launcher", "lua", "REMOVE", name, true)
	end
	c.kill(name)
end

function skynet.abort()
	c.abort()
end

local function check_global_name(name)
	assert(#name < 16, "global name must be shorter than 16 characters")
	assert(tonumber(name) == nil, "global name can't be a number")
end

function skynet.register(name)
	skynet.name(name, skynet.self())
end

function skynet.name(name, handle)
	if string.sub(name, 1, 1) ~= "." then
		check_global_name(name)
	end
	if not c.name(name, handle) then
		error("name " .. name .. " is already used", 2)
	end
end

-- Start variant for proxies: an incoming message of type t is dispatched as type map[t] (types not
-- in the map as themselves).
function skynet.forward_type(map, start_func)
	c.callback(function(ptype, msg, sz, ...)
		skynet.dispatch_message(map[ptype] or ptype, msg, sz, ...)
	end)
	skynet.start(start_func)
end

-- Start variant where every incoming message (type, msg, sz, session, source) goes through f,
-- whose results are dispatched.
function skynet.filter(f, start_func)
	c.callback(function(...)
		skynet.dispatch_message(f(...))
	end)
	skynet.start(start_func)
end

-- Makes the unique global service `service` (launched unless query is true, then waited for) the
-- node's exit monitor: it gets an empty PTYPE_CLIENT message, from the dead service's address,
-- whenever a service exits or is killed. Returns its address.
function skynet.monitor(service, query)
	local monitor
	if query then
		monitor = skynet.queryservice(true, service)
	else
		monitor = skynet.uniqueservice(true, service)
	end
	assert(monitor, "Monitor launch failed")
	c.monitor(monitor)
	return monitor
end

return skynet
