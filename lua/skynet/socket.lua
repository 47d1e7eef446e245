-- skynet.socket: skynet's socket API (open, listen, start, read, write, close, udp...) for Lua
-- services, on the node's socket server (require "skynet.socketdriver"). Events arrive as
-- PTYPE_SOCKET messages; a coroutine reading a socket waits until enough bytes came in.
local driver = require "skynet.socketdriver"
local skynet = require "skynet"
local core = require "skynet.core"
-- upvalues, not globals: read on every received block and every wait
local assert = assert
local type = type
local running = coroutine.running

local socket = {}

-- A reader that has this many bytes waiting stops the socket reading until it catches up.
local PAUSE_AT = 128 * 1024

-- Message kinds (skynet's SKYNET_SOCKET_TYPE_*).
local DATA, CONNECT, CLOSE, ACCEPT, ERROR, UDP, WARNING = 1, 2, 3, 4, 5, 6, 7

-- id -> {
--   id, protocol ("TCP"/"UDP"), buffer + pool (received bytes; nil for listen/accept/udp sockets),
--   connected, connecting (true, or the error text once the connect failed), listen (a listen
--   socket before start), callback (accept or udp), reader (the coroutine waiting on it), want
--   (what it waits for: a byte count, a separator string, true = until closed), paused, closing
--   (the coroutine in socket.close waiting for the reader), limit, on_warning, addr/port
-- }
local pool = {}
local on_close = {}

local function wake_reader(s)
	local co = s.reader
	if co then
		s.reader = nil
		skynet.wakeup(co)
	end
end

-- Stops reading a socket whose buffered bytes nobody takes; waiting on it starts it again.
local function pause(s, size)
	if s.paused ~= nil then
		return
	end
	if size then
		skynet.error(string.format("Pause socket (%d) size : %d", s.id, size))
	else
		skynet.error(string.format("Pause socket (%d)", s.id))
	end
	driver.pause(s.id)
	s.paused = true
	-- messages already queued for this socket are handled before the caller goes on
	skynet.yield()
end

local function wait_on(s)
	assert(not s.reader)
	local co = running()
	s.reader = co
	if s.paused then
		skynet.error(string.format("Resume socket (%d)", s.id))
		driver.start(s.id)
		skynet.wait(co)
		s.paused = nil
	else
		skynet.wait(co)
	end
	-- socket.close waits until a reader had its turn with the buffer
	if s.closing then
		skynet.wakeup(s.closing)
	end
end

-- The reader has what it waits for: wake it (pausing the socket first if much is buffered).
local function satisfied(s, buffered)
	s.want = nil
	if buffered > PAUSE_AT then
		pause(s, buffered)
	end
	wake_reader(s)
end

local event = {}

event[DATA] = function(id, size, block)
	local s = pool[id]
	if s == nil then
		skynet.error("socket: drop package from " .. id)
		driver.drop(block, size)
		return
	end
	local buffered = driver.push(s.buffer, s.pool, block, size)
	local want = s.want
	if type(want) == "number" then
		if buffered >= want then
			satisfied(s, buffered)
		end
		return
	end
	if s.limit and buffered > s.limit then
		skynet.error(string.format("socket buffer overflow: fd=%d size=%d", id, buffered))
		driver.close(id)
		return
	end
	if type(want) == "string" then
		if driver.readline(s.buffer, nil, want) then
			satisfied(s, buffered)
		end
	elseif buffered > PAUSE_AT and not s.paused then
		pause(s, buffered)
	end
end

event[CONNECT] = function(id, port, addr)
	local s = pool[id]
	if s == nil or s.connected then
		-- a start after a pause reports "connected" again: nothing to do
		return
	end
	if s.listen then
		s.addr = addr
		s.port = port
	end
	s.connected = true
	wake_reader(s)
end

event[CLOSE] = function(id)
	local s = pool[id]
	if s then
		s.connected = false
		wake_reader(s)
	else
		driver.close(id)
	end
	local f = on_close[id]
	if f then
		on_close[id] = nil
		f(id)
	end
end

event[ACCEPT] = function(id, newid, addr)
	local s = pool[id]
	if s == nil then
		driver.close(newid)
		return
	end
	s.callback(newid, addr)
end

event[ERROR] = function(id, _, err)
	local s = pool[id]
	if s == nil then
		driver.shutdown(id)
		skynet.error("socket: error on unknown", id, err)
		return
	end
	if s.callback then
		skynet.error("socket: accept error:", err)
		return
	end
	if s.connected then
		skynet.error("socket: error on", id, err)
	elseif s.connecting then
		s.connecting = err
	end
	s.connected = false
	driver.shutdown(id)
	wake_reader(s)
end

event[UDP] = function(id, size, block, from)
	local s = pool[id]
	if s == nil or s.callback == nil then
		skynet.error("socket: drop udp package from " .. id)
		driver.drop(block, size)
		return
	end
	local data = skynet.tostring(block, size)
	core.trash(block, size)
	s.callback(data, from)
end

event[WARNING] = function(id, kbytes)
	local s = pool[id]
	if s == nil then
		return
	end
	if s.on_warning then
		s.on_warning(id, kbytes)
	else
		skynet.error(string.format("WARNING: %d K bytes need to send out (fd = %d)", kbytes, id))
	end
end

skynet.register_protocol {
	name = "socket",
	id = skynet.PTYPE_SOCKET,
	unpack = driver.unpack,
	dispatch = function(_, _, kind, ...)
		local f = event[kind]
		if f then
			f(...)
		end
	end,
}

-- Waits for the connect (or start) of id; returns id, or nil and the error.
local function open_and_wait(id, accept_callback)
	local buffer
	if accept_callback == nil then
		buffer = driver.buffer()
	end
	local s = {
		id = id,
		protocol = "TCP",
		buffer = buffer,
		pool = buffer and {},
		connected = false,
		connecting = true,
		want = false,
		reader = false,
		callback = accept_callback,
	}
	assert(not on_close[id], "socket has onclose callback")
	local old = pool[id]
	if old and not old.listen then
		error("socket is not closed")
	end
	pool[id] = s
	wait_on(s)
	local failure = s.connecting
	s.connecting = nil
	if s.connected then
		return id
	end
	pool[id] = nil
	return nil, failure
end

function socket.open(addr, port)
	return open_and_wait(driver.connect(addr, port))
end

function socket.bind(os_fd)
	return open_and_wait(driver.bind(os_fd))
end

function socket.stdin()
	return socket.bind(0)
end

function socket.start(id, func)
	driver.start(id)
	return open_and_wait(id, func)
end

function socket.pause(id)
	local s = pool[id]
	if s then
		pause(s)
	end
end

function socket.shutdown(id)
	if pool[id] then
		-- the owner gets CLOSE; socket.close(id) is still needed
		driver.shutdown(id)
	end
end

function socket.close_fd(id)
	assert(pool[id] == nil, "Use socket.close instead")
	driver.close(id)
end

function socket.close(id)
	local s = pool[id]
	if s == nil then
		return
	end
	driver.close(id)
	if s.connected then
		s.paused = false -- never start it reading again
		if s.reader then
			-- another coroutine reads it: let it take the buffer first
			assert(not s.closing)
			s.closing = running()
			skynet.wait(s.closing)
		else
			wait_on(s)
		end
		s.connected = false
	end
	pool[id] = nil
end

-- read(id): whatever is there (waits for something); read(id, n): exactly n bytes.
-- On a closed socket: false and what was left.
function socket.read(id, n)
	local s = pool[id]
	assert(s)
	if n == nil then
		local got = driver.readall(s.buffer, s.pool)
		if got ~= "" then
			return got
		end
		if not s.connected then
			return false, got
		end
		assert(not s.want)
		s.want = 0
		wait_on(s)
		got = driver.readall(s.buffer, s.pool)
		if got ~= "" then
			return got
		end
		return false, got
	end
	local got = driver.pop(s.buffer, s.pool, n)
	if got then
		return got
	end
	if s.closing or not s.connected then
		return false, driver.readall(s.buffer, s.pool)
	end
	assert(not s.want)
	s.want = n
	wait_on(s)
	got = driver.pop(s.buffer, s.pool, n)
	if got then
		return got
	end
	return false, driver.readall(s.buffer, s.pool)
end

-- Everything until the peer closes.
function socket.readall(id)
	local s = pool[id]
	assert(s)
	if not s.connected then
		local rest = driver.readall(s.buffer, s.pool)
		return rest ~= "" and rest
	end
	assert(not s.want)
	s.want = true
	wait_on(s)
	assert(s.connected == false)
	return driver.readall(s.buffer, s.pool)
end

function socket.readline(id, sep)
	sep = sep or "\n"
	local s = pool[id]
	assert(s)
	local line = driver.readline(s.buffer, s.pool, sep)
	if line then
		return line
	end
	if not s.connected then
		return false, driver.readall(s.buffer, s.pool)
	end
	assert(not s.want)
	s.want = sep
	wait_on(s)
	if s.connected then
		return driver.readline(s.buffer, s.pool, sep)
	end
	return false, driver.readall(s.buffer, s.pool)
end

-- Waits until something arrives or the socket closes; returns whether it is still connected.
function socket.block(id)
	local s = pool[id]
	if not s or not s.connected then
		return false
	end
	assert(not s.want)
	s.want = 0
	wait_on(s)
	return s.connected
end

socket.write = assert(driver.send)
socket.lwrite = assert(driver.lsend)
socket.header = assert(driver.header)

function socket.invalid(id)
	return pool[id] == nil
end

function socket.disconnected(id)
	local s = pool[id]
	if s then
		return not (s.connected or s.connecting)
	end
end

-- listen(host, port [, backlog]) or listen("host:port"): id, bound address, bound port.
function socket.listen(host, port, backlog)
	local id = driver.listen(host, port, backlog)
	local s = {
		id = id,
		connected = false,
		listen = true,
	}
	assert(pool[id] == nil)
	pool[id] = s
	wait_on(s)
	return id, s.addr, s.port
end

-- Gives up a socket in this service (its messages are dropped) so another one can socket.start it.
function socket.abandon(id)
	local s = pool[id]
	if s then
		s.connected = false
		wake_reader(s)
		on_close[id] = nil
		pool[id] = nil
	end
end

-- Closes the socket when more than limit bytes wait unread (not while a fixed-size read waits).
function socket.limit(id, limit)
	local s = assert(pool[id])
	s.limit = limit
end

-- UDP ---------------------------------------------------------------------------------------

local function new_udp(id, callback)
	assert(not pool[id], "socket is not closed")
	pool[id] = {
		id = id,
		connected = true,
		protocol = "UDP",
		callback = callback,
	}
	return id
end

-- udp(callback [, host, port]): callback(data, from) per datagram; from goes to sendto/udp_address.
function socket.udp(callback, host, port)
	return new_udp(driver.udp(host, port), callback)
end

function socket.udp_connect(id, addr, port, callback)
	local s = pool[id]
	if s then
		assert(s.protocol == "UDP")
		if callback then
			s.callback = callback
		end
	else
		new_udp(id, callback)
	end
	driver.udp_connect(id, addr, port)
end

function socket.udp_listen(addr, port, callback)
	return new_udp(driver.udp_listen(addr, port), callback)
end

function socket.udp_dial(addr, port, callback)
	return new_udp(driver.udp_dial(addr, port), callback)
end

socket.sendto = assert(driver.udp_send)
socket.udp_address = assert(driver.udp_address)
socket.netstat = assert(driver.info)
socket.resolve = assert(driver.resolve)

function socket.warning(id, callback)
	local s = assert(pool[id])
	s.on_warning = callback
end

function socket.onclose(id, callback)
	on_close[id] = callback
end

return socket
