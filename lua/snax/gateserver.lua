-- snax.gateserver: the framework of a gate written in Lua (skynet's lualib/snax/gateserver.lua API).
-- It listens, frames each connection's bytes into 2-byte big-endian packets (skynet.netpack) and
-- calls the handler: connect(fd, addr), message(fd, msg, sz), disconnect(fd), error(fd, text),
-- warning(fd, kbytes), open(source, conf), command(cmd, source, ...). With handler.embed the
-- caller runs skynet.start itself.
local skynet = require "skynet"
local netpack = require "skynet.netpack"
local driver = require "skynet.socketdriver"

local gateserver = {}

local listener       -- the listening socket id; nil before open and after it closed
local packets        -- netpack's queue (made by the first filter call)
local limit          -- maxclient
local want_nodelay = false
local open_count = 0 -- connections accepted and not closed yet

-- fd -> true while open, false once the peer closed (nothing more to read), nil after closeclient
local clients = {}

-- Starts reading a connection (call it after deciding who handles its packets).
function gateserver.openclient(fd)
	if clients[fd] then
		driver.start(fd)
	end
end

function gateserver.closeclient(fd)
	if clients[fd] ~= nil then
		clients[fd] = nil
		driver.close(fd)
	end
end

-- The socket events of a gate, as netpack.filter names them.
local function gate_events(handler, listening)
	local ev = {}

	local function deliver(fd, msg, sz)
		if clients[fd] then
			handler.message(fd, msg, sz)
		else
			skynet.error(string.format("Drop message from fd (%d) : %s", fd, netpack.tostring(msg, sz)))
		end
	end

	ev.data = deliver

	-- Several packets came in one block and wait in the queue. A fork keeps emptying it if a
	-- handler blocks, so one slow packet does not hold up the others.
	function ev.more()
		local fd, msg, sz = netpack.pop(packets)
		if not fd then
			return
		end
		skynet.fork(ev.more)
		deliver(fd, msg, sz)
		for next_fd, next_msg, next_sz in netpack.pop, packets do
			deliver(next_fd, next_msg, next_sz)
		end
	end

	function ev.open(fd, addr)
		open_count = open_count + 1
		if open_count >= limit then
			driver.shutdown(fd)
			return
		end
		if want_nodelay then
			driver.nodelay(fd)
		end
		clients[fd] = true
		handler.connect(fd, addr)
	end

	function ev.close(fd)
		if fd == listener then
			listener = nil
			return
		end
		open_count = open_count - 1
		if clients[fd] then
			clients[fd] = false
		end
		if handler.disconnect then
			handler.disconnect(fd)
		end
	end

	function ev.error(fd, text)
		if fd == listener then
			skynet.error("gateserver accept error:", text)
			return
		end
		driver.shutdown(fd)
		if handler.error then
			handler.error(fd, text)
		end
	end

	function ev.warning(fd, kbytes)
		if handler.warning then
			handler.warning(fd, kbytes)
		end
	end

	-- a socket is ready: the listening one (with its address), or a start/transfer we ignore
	function ev.init(id, addr, port)
		local w = listening.waiter
		if w and id == listening.id then
			listening.waiter = nil
			listening.addr, listening.port = addr, port
			skynet.wakeup(w)
		end
	end

	return ev
end

function gateserver.start(handler)
	assert(handler.message)
	assert(handler.connect)

	local listening = {} -- id, waiter (the coroutine in open), then addr and port
	local events = gate_events(handler, listening)
	local commands = {}

	function commands.open(source, conf)
		assert(not listener)
		local host = conf.address or "0.0.0.0"
		limit = conf.maxclient or 1024
		want_nodelay = conf.nodelay
		skynet.error("Listen on", host, conf.port)
		listener = driver.listen(host, conf.port, conf.backlog)
		listening.id = listener
		listening.waiter = coroutine.running()
		skynet.wait(listening.waiter)
		conf.address, conf.port = listening.addr, listening.port
		driver.start(listener)
		if handler.open then
			return handler.open(source, conf)
		end
	end

	function commands.close()
		assert(listener)
		driver.close(listener)
	end

	skynet.register_protocol {
		name = "socket",
		id = skynet.PTYPE_SOCKET,
		unpack = function(msg, sz)
			return netpack.filter(packets, msg, sz)
		end,
		dispatch = function(_, _, queue, kind, ...)
			packets = queue
			if kind then
				events[kind](...)
			end
		end,
	}

	local function serve_commands()
		skynet.dispatch("lua", function(_, source, cmd, ...)
			local own = commands[cmd]
			if own then
				skynet.ret(skynet.pack(own(source, ...)))
			else
				skynet.ret(skynet.pack(handler.command(cmd, source, ...)))
			end
		end)
	end

	if handler.embed then
		serve_commands()
	else
		skynet.start(serve_commands)
	end
end

return gateserver
