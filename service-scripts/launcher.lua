-- .launcher: starts Lua services for skynet.newservice and answers the caller once the new
-- service's start function has returned (LAUNCHOK) or failed (ERROR). Keeps the list the console shows.
local skynet = require "skynet"
local c = require "skynet.core"

local services = {}  -- address -> launch command ("snlua name args")
local pending = {}   -- address -> response closure of the newservice caller
local launch_session = {} -- address -> session of the LAUNCH request still starting it (QUERY)
local session_now     -- session of the request being dispatched
local NORET = {}
local command = {}

local function finish(address, ...)
	launch_session[address] = nil
	local response = pending[address]
	if response then
		pending[address] = nil
		response(true, ...)
	end
end

function command.LAUNCH(_, kind, name, ...)
	local args = table.concat({ name, ... }, " ")
	local response = skynet.response()
	local address, err = c.launch(args)
	if not address then
		skynet.error(string.format("launch %s failed: %s", args, err))
		response(true, nil, err)
	else
		services[address] = kind .. " " .. args
		pending[address] = response
		launch_session[address] = session_now
	end
	return NORET, address
end

-- LAUNCH, and every message given to the new service is logged from its start (console log; logpath)
function command.LOGLAUNCH(source, kind, name, ...)
	local _, address = command.LAUNCH(source, kind, name, ...)
	if address then
		c.logon(address)
	end
	return NORET
end

-- the service that the LAUNCH request with this session is starting, if still starting
function command.QUERY(_, session)
	for address, s in pairs(launch_session) do
		if s == session then
			return address
		end
	end
end

function command.LAUNCHOK(address)
	finish(address, address)
	return NORET
end

function command.ERROR(address, err)
	services[address] = nil
	finish(address, nil, err or "init service failed")
	return NORET
end

-- A service that exits (or is killed) while starting answers its newservice caller with nil.
function command.REMOVE(_, address)
	services[address] = nil
	finish(address, nil)
	return NORET
end

-- A service started outside the launcher (e.g. a managed instance started by the upgrade manager).
function command.ADOPT(_, address, cmd)
	services[address] = cmd
	return NORET
end

function command.LIST()
	local list = {}
	for address, cmd in pairs(services) do
		list[skynet.address(address)] = cmd
	end
	return list
end

function command.KILL(_, address)
	address = type(address) == "string" and tonumber(address:sub(2), 16) or address
	local cmd = services[address]
	services[address] = nil
	skynet.kill(address)
	return { [skynet.address(address)] = tostring(cmd) }
end

function command.STAT()
	local list = {}
	for address in pairs(services) do
		local ok, stat = pcall(skynet.call, address, "debug", "STAT")
		list[skynet.address(address)] = ok and stat or "ERROR"
	end
	return list
end

function command.MEM()
	local list = {}
	for address, cmd in pairs(services) do
		local ok, kb = pcall(skynet.call, address, "debug", "MEM")
		list[skynet.address(address)] = ok and string.format("%.2f Kb (%s)", kb, cmd) or "ERROR"
	end
	return list
end

function command.GC()
	for address in pairs(services) do
		skynet.send(address, "debug", "GC")
	end
	return command.MEM()
end

skynet.dispatch("lua", function(session, source, cmd, ...)
	local f = command[string.upper(tostring(cmd))]
	if not f then
		error("launcher: unknown command " .. tostring(cmd))
	end
	session_now = session
	local ret = f(source, ...)
	if ret ~= NORET then
		skynet.retpack(ret)
	end
end)

skynet.start(function() end)
