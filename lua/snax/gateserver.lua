-- snax.gateserver: the framework of a gate written in Lua (skynet's lualib/snax/gateserver.lua API).
-- It listens, frames each connection's bytes into 2-byte big-endian packets (skynet.netpack) and
-- calls the handler: connect(fd, addr), message(fd, msg, sz), disconnect(fd), error(fd, text),
-- warning(fd, kbytes), open(source, conf), command(cmd, source, ...). With handler.embed the
-- caller runs skynet.start itself.
local skynet = require "skynet"
local netpack = require "skynet.netpack"
local driver = require "skynet.socketdriver"

local gateserver = {}

local listen_id      -- the listening socket, nil once closed
local queue          -- netpack's queue of framed packets (made by the first filter)
local maxclient
local nodelay = false
local clients = 0    -- connections accepted and not closed yet
local CMD = {}

-- fd -> true while open, false after the peer closed (reading over), nil once closed here
local connection = {}

-- Starts reading a connection (call it after deciding who handles its packets).
function gateserver.openclient(fd)
	if connection[fd] then
		driver.start(fd)
	end
end

function gateserver.closeclient(fd)
	if connection[fd] ~= nil then
		connection[fd] = nil
		driver.close(fd)
	end
end

function gateserver.start(handler)
	assert(handler.message)
	assert(handler.connect)

	-- while CMD.open waits for the listening socket to be ready
	local opening = {}

	function CMD.open(source, conf)
		assert(not listen_id)
		local address = conf.address or "0.0.0.0"
		local port = conf.port
		maxclient = conf.maxclient or 1024
		nodelay = conf.nodelay
		skynet.error("Listen on", address, port)
		listen_id = driver.listen(address, port, conf.backlog)
		opening.co = coroutine.running()
		opening.fd = listen_id
		skynet.wait(opening.co)
		conf.address = opening.addr
		conf.port = opening.port
		opening = nil
		driver.start(listen_id)
		if handler.open then
			return handler.open(source, conf)
		end
	end

	function CMD.close()
		assert(listen_id)
		driver.close(listen_id)
	end

	local on = {}

	local function deliver(fd, msg, sz)
		if connection[fd] then
			handler.message(fd, msg, sz)
		else
			skynet.error(string.format("Drop message from fd (%d) : %s", fd, netpack.tostring(msg, sz)))
		end
	end

	on.data = deliver

	-- Several packets came in one block: they wait in the queue. A fork goes on emptying it if a
	-- handler blocks, so one slow packet does not hold up the others.
	local function drain()
		local fd, msg, sz = netpack.pop(queue)
		if fd then
			skynet.fork(drain)
			deliver(fd, msg, sz)
			for next_fd, next_msg, next_sz in netpack.pop, queue do
				deliver(next_fd, next_msg, next_sz)
			end
		end
	end

	on.more = drain

	function on.open(fd, addr)
		clients = clients + 1
		if clients >= maxclient then
			driver.shutdown(fd)
			return
		end
		if nodelay then
			driver.nodelay(fd)
		end
		connection[fd] = true
		handler.connect(fd, addr)
	end

	function on.close(fd)
		if fd == listen_id then
			listen_id = nil
			return
		end
		clients = clients - 1
		if connection[fd] then
			connection[fd] = false
		end
		if handler.disconnect then
			handler.disconnect(fd)
		end
	end

	function on.error(fd, text)
		if fd == listen_id then
			skynet.error("gateserver accept error:", text)
			return
		end
		driver.shutdown(fd)
		if handler.error then
			handler.error(fd, text)
		end
	end

	function on.warning(fd, kbytes)
		if handler.warning then
			handler.warning(fd, kbytes)
		end
	end

	-- "connect" of a socket: the listening one is ready (id, addr, port), or a start/transfer
	function on.init(id, addr, port)
		if opening and opening.co and id == opening.fd then
			opening.addr = addr
			opening.port = port
			local co = opening.co
			opening.co = nil
			skynet.wakeup(co)
		end
	end

	skynet.register_protocol {
		name = "socket",
		id = skynet.PTYPE_SOCKET,
		unpack = function(msg, sz)
			return netpack.filter(queue, msg, sz)
		end,
		dispatch = function(_, _, q, kind, ...)
			queue = q
			if kind then
				on[kind](...)
			end
		end,
	}

	local function init()
		skynet.dispatch("lua", function(_, source, cmd, ...)
			local f = CMD[cmd]
			if f then
				skynet.ret(skynet.pack(f(source, ...)))
			else
				skynet.ret(skynet.pack(handler.command(cmd, source, ...)))
			end
		end)
	end

	if handler.embed then
		init()
	else
		skynet.start(init)
	end
end

return gateserver
