-- The gate service (skynet.newservice("gate")): skynet's gate on snax.gateserver. Its watchdog gets
-- ("socket", "open", fd, addr), ("socket", "data", fd, packet) for connections not forwarded,
-- ("socket", "close", fd), ("socket", "error", fd, text), ("socket", "warning", fd, kbytes).
-- Commands: open(conf: address, port, maxclient, nodelay, backlog, watchdog), close,
-- forward(fd [, client, address]): the connection's packets go to address as PTYPE_CLIENT
-- (session = fd, source = client); accept(fd): they go to the watchdog again; kick(fd).
local skynet = require "skynet"
local gateserver = require "snax.gateserver"

local watchdog
local conns = {} -- fd -> { fd, ip, agent, client }

skynet.register_protocol {
	name = "client",
	id = skynet.PTYPE_CLIENT,
}

local handler = {}

function handler.open(source, conf)
	watchdog = conf.watchdog or source
	return conf.address, conf.port
end

function handler.message(fd, msg, sz)
	local c = conns[fd]
	if c.agent then
		skynet.redirect(c.agent, c.client, "client", fd, msg, sz)
	else
		skynet.send(watchdog, "lua", "socket", "data", fd, skynet.tostring(msg, sz))
		skynet.trash(msg, sz)
	end
end

function handler.connect(fd, addr)
	conns[fd] = { fd = fd, ip = addr }
	skynet.send(watchdog, "lua", "socket", "open", fd, addr)
end

local function stop_forwarding(c)
	c.agent = nil
	c.client = nil
end

local function forget(fd)
	local c = conns[fd]
	if c then
		stop_forwarding(c)
		conns[fd] = nil
	end
end

function handler.disconnect(fd)
	forget(fd)
	skynet.send(watchdog, "lua", "socket", "close", fd)
end

function handler.error(fd, text)
	forget(fd)
	skynet.send(watchdog, "lua", "socket", "error", fd, text)
end

function handler.warning(fd, kbytes)
	skynet.send(watchdog, "lua", "socket", "warning", fd, kbytes)
end

local CMD = {}

function CMD.forward(source, fd, client, address)
	local c = assert(conns[fd])
	stop_forwarding(c)
	c.client = client or 0
	c.agent = address or source
	gateserver.openclient(fd)
end

function CMD.accept(source, fd)
	local c = assert(conns[fd])
	stop_forwarding(c)
	gateserver.openclient(fd)
end

function CMD.kick(source, fd)
	gateserver.closeclient(fd)
end

function handler.command(cmd, source, ...)
	local f = assert(CMD[cmd], "unknown gate command")
	return f(source, ...)
end

gateserver.start(handler)
