-- snax.msgserver: skynet's message server, a gate (snax.gateserver) whose clients first prove they
-- logged in (through a login server that called "login") and then send requests that are answered
-- once each, even across reconnections.
--
-- Packets are framed by gateserver (2-byte big-endian size). Numbers are big-endian.
--   handshake, the first packet: base64(uid)@base64(server)#base64(subid):index:base64(hmac),
--     hmac = crypt.hmac_hash(secret, username .. ":" .. index), index larger than the last one;
--     answer "200 OK", or "404 User Not Found", "403 Index Expired", "401 Unauthorized",
--     "400 Bad Request" (then the connection is closed)
--   request: content .. dword session; answer: content .. byte ok (1/0) .. dword session.
--   A session sent again on a new connection gets its answer again (the last expired_number
--   answers are kept), or once it is ready if it is still being handled.
--
-- server.start(conf): conf.login_handler(uid, secret) -> subid, logout_handler(uid, subid),
-- kick_handler(uid, subid) (the "login", "logout" and "kick" commands), request_handler(username,
-- msg) -> reply, register_handler(servername, gateconf) (on "open"), disconnect_handler(username),
-- expired_number (default 128).
local skynet = require "skynet"
local gateserver = require "snax.gateserver"
local netpack = require "skynet.netpack"
local crypt = require "skynet.crypt"
local driver = require "skynet.socketdriver"

local server = {}

skynet.register_protocol {
	name = "client",
	id = skynet.PTYPE_CLIENT,
}

local online = {} -- username -> user { username, secret, version, index, replies, fd, ip }
local pending_handshake = {} -- fd -> address, until the first packet
local users_by_fd = {} -- fd -> user, after a good handshake

-- username -> uid, subid, servername
function server.userid(username)
	local uid, servername, subid = string.match(username, "([^@]*)@([^#]*)#(.*)")
	return crypt.base64decode(uid), crypt.base64decode(subid), crypt.base64decode(servername)
end

function server.username(uid, subid, servername)
	return string.format("%s@%s#%s", crypt.base64encode(uid), crypt.base64encode(servername),
		crypt.base64encode(tostring(subid)))
end

-- Lets username connect with secret (called by the login handler).
function server.login(username, secret)
	assert(online[username] == nil, "user is already online")
	online[username] = { username = username, secret = secret, version = 0, index = 0, replies = {} }
end

-- Forgets username and closes its connection.
function server.logout(username)
	local u = online[username]
	online[username] = nil
	if u and u.fd and users_by_fd[u.fd] then
		users_by_fd[u.fd] = nil
		gateserver.closeclient(u.fd)
	end
end

-- The address username connected from, while connected.
function server.ip(username)
	local u = online[username]
	if u and u.fd then
		return u.ip
	end
end

local function send_packet(fd, text)
	driver.send(fd, netpack.pack(text))
end

-- nil when the handshake is good (the connection is then the user's), else the answer. No yield.
local function check_handshake(fd, text, addr)
	local username, index, hmac = string.match(text, "^([^:]*):([^:]*):([^:]*)$")
	local u = online[username]
	if u == nil then
		return "404 User Not Found"
	end
	local number = assert(tonumber(index), "bad index")
	if number <= u.version then
		return "403 Index Expired"
	end
	if crypt.hmac_hash(u.secret, username .. ":" .. index) ~= crypt.base64decode(hmac) then
		return "401 Unauthorized"
	end
	u.version = number
	u.fd = fd
	u.ip = addr
	users_by_fd[fd] = u
end

local function handshake(fd, addr, text)
	local ok, refusal = pcall(check_handshake, fd, text, addr)
	if not ok then
		skynet.error(refusal)
		refusal = "400 Bad Request"
	end
	send_packet(fd, refusal or "200 OK")
	if refusal then
		gateserver.closeclient(fd)
	end
end

-- Every 2 * keep answers, the finished ones older than keep answers are dropped.
local function retire(u, keep)
	if u.index < keep * 2 then
		return
	end
	local newest = 0
	for session, r in pairs(u.replies) do
		if r.fd == nil then -- answered
			if r.index < keep then
				u.replies[session] = nil
			else
				r.index = r.index - keep
				newest = math.max(newest, r.index)
			end
		end
	end
	u.index = newest + 1
end

local function handle_request(fd, packet, request_handler, keep)
	local u = assert(users_by_fd[fd], "invalid fd")
	local session = string.unpack(">I4", packet, #packet - 3)
	local content = string.sub(packet, 1, -5)
	local r = u.replies[session]
	if r and r.version == u.version then
		-- the session used again on the same connection: a new request, unless the old one runs still
		u.replies[session] = nil
		if r.data == nil then
			error(string.format("Conflict session %d", session))
		end
		r = nil
	end
	if r == nil then
		r = { fd = fd }
		u.replies[session] = r
		local ok, reply = pcall(request_handler, u.username, content)
		-- the handler may have yielded: the connection may be gone by now
		if ok then
			reply = (reply or "") .. string.pack(">BI4", 1, session)
		else
			skynet.error(reply)
			reply = string.pack(">BI4", 0, session)
		end
		r.data = string.pack(">s2", reply)
		r.version, r.index = u.version, u.index
	else
		-- asked again after reconnecting: answer on this connection
		r.fd, r.version, r.index = fd, u.version, u.index
		if r.data == nil then
			return -- still being handled; the answer will go to the new connection
		end
	end
	u.index = u.index + 1
	if users_by_fd[r.fd] then
		driver.send(r.fd, r.data)
	end
	r.fd = nil
	retire(u, keep)
end

function server.start(conf)
	local keep = conf.expired_number or 128
	local request_handler = assert(conf.request_handler, "conf.request_handler is needed")
	local commands = {
		login = assert(conf.login_handler, "conf.login_handler is needed"),
		logout = assert(conf.logout_handler, "conf.logout_handler is needed"),
		kick = assert(conf.kick_handler, "conf.kick_handler is needed"),
	}
	local handler = {}

	function handler.command(cmd, source, ...)
		return assert(commands[cmd], "unknown command")(...)
	end

	function handler.open(source, gateconf)
		return conf.register_handler(assert(gateconf.servername, "open needs servername"), gateconf)
	end

	function handler.connect(fd, addr)
		pending_handshake[fd] = addr
		gateserver.openclient(fd)
	end

	function handler.disconnect(fd)
		pending_handshake[fd] = nil
		local u = users_by_fd[fd]
		if u then
			if conf.disconnect_handler then
				conf.disconnect_handler(u.username)
			end
			if users_by_fd[fd] then -- the disconnect handler may have closed it already
				u.fd = nil
				users_by_fd[fd] = nil
				gateserver.closeclient(fd)
			end
		end
	end

	handler.error = handler.disconnect

	function handler.message(fd, msg, sz)
		local packet = netpack.tostring(msg, sz)
		local addr = pending_handshake[fd]
		if addr then
			pending_handshake[fd] = nil
			handshake(fd, addr, packet)
			return
		end
		local ok, err = pcall(handle_request, fd, packet, request_handler, keep)
		if not ok then
			skynet.error(string.format("Invalid package %s : %s", tostring(err), packet))
			if users_by_fd[fd] then
				gateserver.closeclient(fd)
			end
		end
	end

	return gateserver.start(handler)
end

return server
