-- The gate service (skynet.newservice("gate")): skynet's gate on snax.gateserver. Its watchdog gets
-- ("socket", "open", fd, addr), ("socket", "data", fd, packet) for connections not forwarded,
-- ("socket", "close", fd), ("socket", "error", fd, text), ("socket", "warning", fd, kbytes).
-- Commands: open(conf: address, port, maxclient, nodelay, backlog, watchdog), close,
-- forward(fd [, client, address]): the connection's packets go to address as PTYPE_CLIENT
-- (session = fd, source = client); accept(fd): they go to the watchdog again; kick(fd).
local skynet = require "skynet"
local gateserver = require "snax.gateserver"

local watchdog
-- fd -> { ip = peer address, agent = where its packets go (nil: the watchdog), client = their source }
local routes = {}

skynet.register_protocol {
	name = "client",
	id = skynet.PTYPE_CLIENT,
}

local function tell_watchdog(event, ...)
	skynet.send(watchdog, "lua", "socket", event, ...)
end

local function route_of(fd)
	return assert(routes[fd], "no such connection")
end

local commands = {
	forward = function(source, fd, client, address)
		local r = route_of(fd)
		r.agent, r.client = address or source, client or 0
		gateserver.openclient(fd)
	end,
	accept = function(_, fd)
		local r = route_of(fd)
		r.agent, r.client = nil, nil
		gateserver.openclient(fd)
	end,
	kick = function(_, fd)
		gateserver.closeclient(fd)
	end,
}

gateserver.start {
	open = function(source, conf)
		watchdog = conf.watchdog or source
		return conf.address, conf.port
	end,
	connect = function(fd, addr)
		routes[fd] = { ip = addr }
		tell_watchdog("open", fd, addr)
	end,
	message = function(fd, msg, sz)
		local r = routes[fd]
		if r.agent then
			-- the packet goes on as it is; gateserver does not reuse it
			skynet.redirect(r.agent, r.client, "client", fd, msg, sz)
		else
			tell_watchdog("data", fd, skynet.tostring(msg, sz))
			skynet.trash(msg, sz)
		end
	end,
	disconnect = function(fd)
		routes[fd] = nil
		tell_watchdog("close", fd)
	end,
	error = function(fd, text)
		routes[fd] = nil
		tell_watchdog("error", fd, text)
	end,
	warning = function(fd, kbytes)
		tell_watchdog("warning", fd, kbytes)
	end,
	command = function(cmd, source, ...)
		local f = assert(commands[cmd], "unknown gate command")
		return f(source, ...)
	end,
}
