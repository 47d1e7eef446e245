-- The watchdog: the gate tells it about connections; it starts an agent per connection and
-- stops it when the connection goes.
local skynet = require "skynet"

local gate
local agents = {} -- fd -> agent address
local SOCKET = {}
local CMD = {}

function SOCKET.open(fd, addr)
	print("connection " .. fd .. " from " .. addr)
	local agent = skynet.newservice("echo_agent")
	agents[fd] = agent
	skynet.call(agent, "lua", "start", { gate = gate, client = fd, watchdog = skynet.self() })
end

local function drop(fd)
	local agent = agents[fd]
	agents[fd] = nil
	if agent then
		skynet.call(gate, "lua", "kick", fd)
		skynet.send(agent, "lua", "disconnect")
	end
end

function SOCKET.close(fd)
	print("connection " .. fd .. " closed")
	drop(fd)
end

function SOCKET.error(fd, text)
	print("connection " .. fd .. " failed: " .. tostring(text))
	drop(fd)
end

function SOCKET.warning(fd, kbytes)
	print("connection " .. fd .. ": " .. kbytes .. " KiB waiting to be sent")
end

function SOCKET.data(fd, msg)
	-- only connections not forwarded to an agent come here
end

function CMD.start(conf)
	return skynet.call(gate, "lua", "open", conf)
end

function CMD.close(fd)
	drop(fd)
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, sub, ...)
		if cmd == "socket" then
			SOCKET[sub](...)
		else
			local f = assert(CMD[cmd])
			skynet.ret(skynet.pack(f(sub, ...)))
		end
	end)
	gate = skynet.newservice("gate")
end)
