-- .service: unique services (skynet.uniqueservice / queryservice). A name is launched once;
-- concurrent callers wait for that launch; a failed launch is remembered and re-raised.
-- Standalone node: the global variants (GLAUNCH/GQUERY) share the same table.
local skynet = require "skynet"
require "skynet.manager"

local started = {}  -- name -> address, or { error = message }
local waiters = {}  -- name -> list of coroutines waiting for the name
local command = {}

local function wait_for(name)
	local list = waiters[name]
	if not list then
		list = {}
		waiters[name] = list
	end
	local co = coroutine.running()
	list[#list + 1] = co
	skynet.wait(co)
end

local function settle(name, value)
	started[name] = value
	local list = waiters[name]
	waiters[name] = nil
	for _, co in ipairs(list or {}) do
		skynet.wakeup(co)
	end
end

-- address, or nil and the reason the launch failed
local function result(name)
	local s = started[name]
	if type(s) == "table" then
		return nil, s.error
	end
	return s
end

local launching = {}

-- snax services are unique per snax name ("snaxd", "pingserver" is "snaxd.pingserver") and start
-- through snax, which runs their init with the arguments.
local function launcher(name, ...)
	if name == "snaxd" then
		local snax = require "skynet.snax"
		return "snaxd." .. tostring((...)), function(_, sub, ...)
			return snax.rawnewservice(sub, ...)
		end
	end
	return name, skynet.newservice
end

function command.LAUNCH(service, ...)
	local name, launch = launcher(service, ...)
	if started[name] ~= nil then
		return result(name)
	end
	if launching[name] then
		wait_for(name)
		return result(name)
	end
	launching[name] = true
	local ok, addr = pcall(launch, service, ...)
	launching[name] = nil
	if ok and addr then
		settle(name, addr)
	else
		settle(name, { error = ok and ("service " .. name .. " exited during start") or tostring(addr) })
	end
	return result(name)
end

function command.QUERY(service, sub)
	local name = launcher(service, sub)
	if started[name] == nil then
		wait_for(name)
	end
	return result(name)
end

command.GLAUNCH = command.LAUNCH
command.GQUERY = command.QUERY

function command.LIST()
	local list = {}
	for name, s in pairs(started) do
		list[name] = type(s) == "table" and ("Error: " .. s.error) or skynet.address(s)
	end
	return list
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		local f = command[cmd]
		if not f then
			error("service_mgr: unknown command " .. tostring(cmd))
		end
		skynet.retpack(f(...))
	end)
	skynet.register(".service")
end)
