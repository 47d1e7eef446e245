-- skynet.socketchannel: a TCP connection to a server that many coroutines send requests on. It
-- connects on first use and again after the connection is lost, can authenticate every new
-- connection, and hands each reply to the coroutine that asked for it:
--   order mode (no desc.response): replies come back in request order; each request brings the
--     function that reads its reply: reader(sock) -> ok, data [, more]
--   session mode (desc.response = function(sock) -> session, ok, data [, more]): the server tags
--     replies, which may come in any order; a request waits for its session.
-- "more" true means the reply goes on: the parts are collected into a table.
local skynet = require "skynet"
local socket = require "skynet.socket"
local driver = require "skynet.socketdriver"

local socketchannel = {}

-- What a request raises when the connection failed (tostring gives "[Error: socket]").
local SOCKET_ERROR = setmetatable({}, { __tostring = function() return "[Error: socket]" end })
socketchannel.error = SOCKET_ERROR

local Channel = {}
Channel.__index = Channel

-- The object readers get: sock:read(n) and sock:readline(sep) raise SOCKET_ERROR once the
-- connection is gone; sock[1] is the socket id.
local function checked(f)
	return function(conn, ...)
		local r = f(conn[1], ...)
		if not r then
			error(SOCKET_ERROR)
		end
		return r
	end
end

local default_conn_methods = { read = checked(socket.read), readline = checked(socket.readline) }

-- channel{ host, port, backup = { "host" or {host, port}, ... }, auth = function(channel),
--   response = function(sock) (session mode), nodelay, overload = function(bool),
--   socket_read = function(sock, n), socket_readline = function(sock, sep) }
function socketchannel.channel(desc)
	local methods = default_conn_methods
	if desc.socket_read or desc.socket_readline then
		methods = {
			read = desc.socket_read or default_conn_methods.read,
			readline = desc.socket_readline or default_conn_methods.readline,
		}
	end
	return setmetatable({
		host = assert(desc.host, "channel needs a host"),
		port = desc.port,
		backup = desc.backup,
		auth = desc.auth,
		session_reader = desc.response,
		nodelay = desc.nodelay,
		on_overload = desc.overload,
		overloaded = false,
		conn_meta = { __index = methods },
		conn = false, -- { socket id } while connected
		closed = false,
		auth_co = false, -- the coroutine running auth on a new connection
		connecting = nil, -- while a coroutine connects: the other coroutines waiting for it
		queue = {}, -- order mode: { reader, co } not yet read
		waiting = {}, -- session mode: session -> co
		idle = nil, -- order mode: the reading coroutine, waiting for a request
		results = {}, -- co -> { ok, data }
	}, Channel)
end

local function finish(self, co, ok, data)
	self.results[co] = { ok = ok, data = data }
	skynet.wakeup(co)
end

-- Every request still waiting fails with err (or SOCKET_ERROR alone).
local function fail_waiting(self, err)
	local queue, waiting = self.queue, self.waiting
	self.queue, self.waiting = {}, {}
	for _, item in ipairs(queue) do
		finish(self, item.co, SOCKET_ERROR, err)
	end
	for _, co in pairs(waiting) do
		finish(self, co, SOCKET_ERROR, err)
	end
end

-- Closes the current connection (never raises) and fails what waited on it.
local function drop(self, err)
	local conn = self.conn
	if not conn then
		return
	end
	self.conn = false
	local idle = self.idle
	if idle then
		self.idle = nil
		skynet.wakeup(idle)
	end
	fail_waiting(self, err)
	pcall(socket.close, conn[1])
end

-- A reply, or its parts in a table when the reader says more follow.
local function read_reply(reader, conn)
	local ok, data, more = reader(conn)
	if not (ok and more) then
		return ok, data
	end
	local parts = { data }
	repeat
		ok, data, more = reader(conn)
		if not ok then
			return ok, data
		end
		parts[#parts + 1] = data
	until not more
	return true, parts
end

local function error_text(err)
	if err ~= SOCKET_ERROR then
		return err
	end
end

-- Order mode: reads the replies of the queued requests one after another, while conn is current.
local function read_in_order(self, conn)
	while self.conn == conn do
		local item = table.remove(self.queue, 1)
		if item then
			local ok, rok, data = pcall(read_reply, item.reader, conn)
			if ok then
				finish(self, item.co, rok, data)
			else
				finish(self, item.co, SOCKET_ERROR, error_text(rok))
				drop(self, error_text(rok))
			end
		else
			self.idle = coroutine.running()
			skynet.wait(self.idle)
		end
	end
end

-- Session mode: reads tagged replies while conn is current; parts of a reply accumulate.
local function read_by_session(self, conn)
	local parts = {}
	while self.conn == conn do
		local ok, session, rok, data, more = pcall(self.session_reader, conn)
		if not ok then
			drop(self, error_text(session))
			return
		end
		local co = self.waiting[session]
		if co == nil then
			skynet.error("socket: unknown session :", session)
		elseif more and rok then
			parts[session] = parts[session] or {}
			table.insert(parts[session], data)
		else
			self.waiting[session] = nil
			local collected = parts[session]
			parts[session] = nil
			if collected and rok then
				table.insert(collected, data)
				data = collected
			end
			finish(self, co, rok, data)
		end
	end
end

local function watch_overload(self, fd)
	local notify = self.on_overload
	if not notify then
		return
	end
	socket.warning(fd, function(id, size)
		if not self.conn or self.conn[1] ~= id then
			return
		end
		if size == 0 then
			if self.overloaded then
				self.overloaded = false
				notify(false)
			end
		elseif not self.overloaded then
			self.overloaded = true
			notify(true)
		else
			skynet.error(string.format("WARNING: %d K bytes need to send out (fd = %d)", size, id), self.host, self.port)
		end
	end)
end

-- Makes fd the channel's connection and authenticates it. Returns true, or false when auth
-- failed, or "again" when auth succeeded but left the channel without a connection.
local function use_socket(self, fd)
	if self.nodelay then
		driver.nodelay(fd)
	end
	watch_overload(self, fd)
	local conn = setmetatable({ fd }, self.conn_meta)
	self.conn = conn
	if self.session_reader then
		skynet.fork(read_by_session, self, conn)
	else
		socket.onclose(fd, function()
			-- the peer closed while nothing was asked: forget the connection now
			if self.conn == conn and self.idle then
				skynet.error("socket closed by peer : ", self.host, self.port)
				drop(self)
			end
		end)
		skynet.fork(read_in_order, self, conn)
	end
	if not self.auth then
		return true
	end
	self.auth_co = coroutine.running()
	local ok, err = pcall(self.auth, self)
	self.auth_co = false
	if not ok then
		drop(self)
		if err ~= SOCKET_ERROR then
			skynet.error("socket: auth failed", err)
		end
		return false
	end
	if not self.conn then
		return "again"
	end
	return true
end

-- The backup addresses not yet in list (each host:port once).
local function add_backups(self, list, seen)
	for _, b in ipairs(self.backup or {}) do
		local addr = type(b) == "table" and { host = b.host, port = b.port } or { host = b, port = self.port }
		local key = addr.host .. ":" .. tostring(addr.port)
		if not seen[key] then
			seen[key] = true
			list[#list + 1] = addr
		end
	end
end

-- One round: the host, then the backups. Returns true, or false and why.
local function connect_once(self)
	if self.closed then
		return false
	end
	local list, seen = { { host = self.host, port = self.port } }, {}
	add_backups(self, list, seen)
	local err
	for i, addr in ipairs(list) do
		if i > 1 then
			skynet.error("socket: connect to backup host", addr.host, addr.port)
		end
		local fd
		fd, err = socket.open(addr.host, addr.port)
		if fd then
			self.host, self.port = addr.host, addr.port
			local result = use_socket(self, fd)
			if result == "again" then
				return connect_once(self)
			elseif result then
				return true
			end
			err = "no more backup host"
			add_backups(self, list, seen) -- auth may have changed them
		end
	end
	return false, err
end

-- Connects, retrying with a growing pause unless once; returns the last error when once fails.
local function connect_loop(self, once)
	local pause = 0
	while not self.closed do
		local ok, err = connect_once(self)
		if ok then
			if not once then
				skynet.error("socket: connect to", self.host, self.port)
			end
			return
		elseif once then
			return err
		end
		skynet.error("socket: connect", err)
		if pause > 1000 then
			skynet.error("socket: try to reconnect", self.host, self.port)
			skynet.sleep(pause)
			pause = 0
		else
			skynet.sleep(pause)
		end
		pause = pause + 100
	end
end

-- true: the connection can be used by this coroutine; false: the channel is closed (or the
-- connection died during this coroutine's auth); nil: it has to be (re)connected, or waited for.
local function usable(self)
	local conn = self.conn
	if conn then
		local me = coroutine.running()
		if socket.disconnected(conn[1]) then
			skynet.error("socket: disconnect detected ", self.host, self.port)
			drop(self)
			if self.auth_co == me then
				return false
			end
			return nil
		end
		if not self.auth_co or self.auth_co == me then
			return true
		end
		return nil
	end
	if self.closed then
		return false
	end
end

local function ensure_connected(self, once)
	local r = usable(self)
	if r ~= nil then
		return r
	end
	local err
	if self.connecting then
		local co = coroutine.running()
		table.insert(self.connecting, co)
		skynet.wait(co)
	else
		self.connecting = {}
		err = connect_loop(self, once)
		local waiters = self.connecting
		self.connecting = nil
		for _, co in ipairs(waiters) do
			skynet.wakeup(co)
		end
	end
	r = usable(self)
	if r == nil then
		skynet.error("Connect failed", err, self.host, self.port)
		error(SOCKET_ERROR)
	end
	return r
end

-- connect(once): connects now; once = a single round, else retried until it works or close().
function Channel:connect(once)
	self.closed = false
	return ensure_connected(self, once)
end

local function wait_reply(self, response)
	local co = coroutine.running()
	if self.session_reader then
		self.waiting[response] = co
	else
		table.insert(self.queue, { reader = response, co = co })
		local idle = self.idle
		if idle then
			self.idle = nil
			skynet.wakeup(idle)
		end
	end
	skynet.wait(co)
	local r = self.results[co]
	self.results[co] = nil
	if r == nil or r.ok == SOCKET_ERROR then
		error(r and r.data or SOCKET_ERROR)
	end
	if not r.ok then
		-- as skynet's assert(ok, data) on Lua 5.4: the message without a position (5.2's assert adds one)
		error(r.data == nil and "assertion failed!" or r.data, 0)
	end
	return r.data
end

local function write_failed(self)
	drop(self)
	error(SOCKET_ERROR)
end

-- request(data [, response [, parts]]): sends data (then the strings of parts, if given) and,
-- with a response (reader function or session), waits for the reply and returns it.
function Channel:request(request, response, padding)
	assert(ensure_connected(self, true))
	local fd = self.conn[1]
	if padding then
		if not socket.lwrite(fd, request) then
			write_failed(self)
		end
		for _, part in ipairs(padding) do
			if not socket.lwrite(fd, part) then
				write_failed(self)
			end
		end
	elseif not socket.write(fd, request) then
		write_failed(self)
	end
	if response ~= nil then
		return wait_reply(self, response)
	end
end

-- response(reader or session): waits for a reply nobody sent a request for (e.g. a push).
function Channel:response(response)
	assert(ensure_connected(self))
	return wait_reply(self, response)
end

function Channel:close()
	if not self.closed then
		self.closed = true
		drop(self)
	end
end

-- Connects to another host from the next request on.
function Channel:changehost(host, port)
	self.host = host
	if port then
		self.port = port
	end
	if not self.closed then
		drop(self)
	end
end

function Channel:changebackup(backup)
	self.backup = backup
end

return socketchannel
