-- The unique service behind skynet.service: starts one service_cell per name, hands it the dumped
-- main function, and answers everyone asking for that name with its address.
local skynet = require "skynet"
require "skynet.manager"

-- name -> { address = addr | nil while starting, starting = true, waiting = { response closures } }
local services = {}

local function entry(name)
	local s = services[name]
	if not s then
		s = { waiting = {} }
		services[name] = s
	end
	return s
end

local function wait(s)
	s.waiting[#s.waiting + 1] = skynet.response()
end

local function answer(s, ok, addr)
	for _, resp in ipairs(s.waiting) do
		resp(ok, addr)
	end
	s.waiting = {}
end

local command = {}

function command.new(name, code, ...)
	local s = entry(name)
	if s.address then
		return skynet.retpack(s.address)
	end
	wait(s)
	if s.starting then
		return
	end
	s.starting = true
	local ok, addr = pcall(skynet.newservice, "service_cell", name)
	if ok then
		local started, err = pcall(skynet.call, addr, "lua", "init", code, ...)
		if not started then
			skynet.error(string.format("service %s failed to start: %s", name, tostring(err)))
			skynet.kill(addr)
			ok = false
		end
	else
		skynet.error(string.format("service %s failed to start: %s", name, tostring(addr)))
	end
	s.starting = nil
	if ok then
		s.address = addr
		answer(s, true, addr)
	else
		-- everyone waiting for the name fails; a later new tries again
		services[name] = nil
		answer(s, false)
	end
end

function command.query(name)
	local s = entry(name)
	if s.address then
		return skynet.retpack(s.address)
	end
	wait(s)
end

function command.close(name)
	local s = services[name]
	if not (s and s.address) then
		return skynet.retpack(false)
	end
	services[name] = nil
	skynet.kill(s.address)
	skynet.retpack(true)
end

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		local f = command[cmd]
		if not f then
			error("service_provider: unknown command " .. tostring(cmd))
		end
		f(...)
	end)
end)
