-- http.websocket: WebSocket (RFC 6455) servers and clients on skynet.socket, with skynet's API.
--   accept(id, handle [, "ws", addr, options]) serves a connection until it closes, calling
--     handle.connect/handshake/message/ping/pong/close/error(id, ...) and handle.warning(conn, size);
--     options.upgrade = { header, method, url } when httpd already read the upgrade request.
--   connect(url [, header, timeout]) -> id; read(id) -> message, or false and the close payload;
--   write(id, data [, "text"|"binary", masking_key]); ping(id); close(id [, code, reason]);
--   addrinfo(id); real_ip(id); is_close(id).
-- wss goes through http.tlshelper (the JDK's TLS); a wss server reads its certificate and key (PEM)
-- from the config keys certfile and keyfile (default ./server-cert.pem, ./server-key.pem).
local skynet = require "skynet"
local socket = require "skynet.socket"
local crypt = require "skynet.crypt"
local internal = require "http.internal"
local httpd = require "http.httpd"
local sockethelper = require "http.sockethelper"

local websocket = {}

local GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
local MAX_MESSAGE = 256 * 1024 -- what a server accepts in one frame or one fragmented message

local OPCODE = { frame = 0, text = 1, binary = 2, close = 8, ping = 9, pong = 10 }
local OPNAME = {}
for name, code in pairs(OPCODE) do
	OPNAME[code] = name
end

local conns = {} -- socket id -> { id, mode, read, write, handle, addr, real_ip }

local client_ctx, server_ctx -- TLS contexts, made on first use

-- A connection; with protocol "wss" its bytes go through TLS (the handshake is done here).
local function new_conn(id, mode, handle, addr, protocol, hostname)
	local conn = { id = id, mode = mode, handle = handle, addr = addr }
	if protocol == "ws" then
		conn.read, conn.write = sockethelper.readfunc(id), sockethelper.writefunc(id)
	elseif protocol == "wss" then
		local tls = require "http.tlshelper"
		local session
		if mode == "client" then
			client_ctx = client_ctx or tls.newctx()
			session = tls.newtls("client", client_ctx, hostname)
		else
			if not server_ctx then
				local ctx = tls.newctx()
				ctx:set_cert(skynet.getenv("certfile") or "./server-cert.pem", skynet.getenv("keyfile") or "./server-key.pem")
				server_ctx = ctx
			end
			session = tls.newtls("server", server_ctx)
		end
		conn.read, conn.write = tls.readfunc(id, session), tls.writefunc(id, session)
		if mode == "client" then
			tls.init_requestfunc(id, session)(hostname)
		else
			tls.init_responsefunc(id, session)()
		end
	else
		error(string.format("invalid websocket protocol:%s", tostring(protocol)))
	end
	conns[id] = conn
	return conn
end

local function drop(conn)
	if conns[conn.id] == conn then
		conns[conn.id] = nil
		socket.close(conn.id)
	end
end

local function notify(conn, event, ...)
	local f = conn.handle and conn.handle[event]
	if f then
		f(conn.id, ...)
	end
end

-- One unfragmented frame. A client masks everything it sends (RFC 6455 requires it); masking_key,
-- a 32-bit number, chooses the key.
local function send_frame(conn, op, payload, masking_key)
	payload = payload or ""
	local len = #payload
	local mask_bit = 0
	local key
	if masking_key or conn.mode == "client" then
		mask_bit = 0x80
		key = masking_key and string.pack(">I4", masking_key) or string.sub(crypt.randomkey(), 1, 4)
	end
	local head
	if len < 126 then
		head = string.char(0x80 + OPCODE[op], mask_bit + len)
	elseif len < 0x10000 then
		head = string.char(0x80 + OPCODE[op], mask_bit + 126) .. string.pack(">I2", len)
	else
		head = string.char(0x80 + OPCODE[op], mask_bit + 127) .. string.pack(">I8", len)
	end
	if key then
		head = head .. key
		if len > 0 then
			payload = crypt.xor_str(payload, key)
		end
	end
	conn.write(head .. payload)
end

-- fin, op name, unmasked payload
local function read_frame(conn)
	local b1, b2 = string.byte(conn.read(2), 1, 2)
	local fin = b1 >= 0x80
	local op = OPNAME[b1 % 16]
	if not op then
		error("invalid websocket opcode " .. b1 % 16)
	end
	local masked = b2 >= 0x80
	local len = b2 % 0x80
	if len == 126 then
		len = string.unpack(">I2", conn.read(2))
	elseif len == 127 then
		len = string.unpack(">I8", conn.read(8))
	end
	if conn.mode == "server" and len > MAX_MESSAGE then
		error("payload_len is too large")
	end
	local key = masked and conn.read(4)
	local payload = len > 0 and conn.read(len) or ""
	if key and len > 0 then
		payload = crypt.xor_str(payload, key)
	end
	return fin, op, payload
end

-- the status code and reason of a close frame's payload
local function close_reason(payload)
	if #payload >= 2 then
		return string.unpack(">I2", payload), string.sub(payload, 3)
	end
end

local function close_payload(code, reason)
	if code then
		return string.pack(">I2", code) .. (reason or "")
	end
end

local function lower_field(header, name)
	local v = header[name]
	return type(v) == "string" and string.lower(v) or nil
end

-- Reads (unless upgrade has it) and checks the upgrade request, and answers it. Returns nil,
-- header, url; or an HTTP status (and why) to refuse with.
local function server_handshake(conn, upgrade)
	local header, method, url
	if upgrade then
		header, method, url = upgrade.header, upgrade.method, upgrade.url
	else
		local lines = {}
		local rest = internal.recvheader(conn.read, lines, "")
		if not rest then
			return 413
		end
		conn.read = internal.prefixed_reader(conn.read, rest)
		local version
		method, url, version = string.match(lines[1] or "", "^(%a+)%s+(.-)%s+HTTP/([%d%.]+)$")
		if not method then
			return 400
		elseif method ~= "GET" then
			return 400, "need GET method"
		elseif (tonumber(version) or 0) < 1.1 then
			return 505
		end
		header = internal.parseheader(lines, 2, {})
	end
	if not header then
		return 400
	elseif lower_field(header, "upgrade") ~= "websocket" then
		return 426, "Upgrade Required"
	elseif not header.host then
		return 400, "host Required"
	elseif not string.find(lower_field(header, "connection") or "", "upgrade", 1, true) then
		return 400, "Connection must Upgrade"
	end
	local key = header["sec-websocket-key"]
	if not key then
		return 400, "Sec-WebSocket-Key Required"
	end
	local ok, raw = pcall(crypt.base64decode, key)
	if not ok or #raw ~= 16 then
		return 400, "Sec-WebSocket-Key invalid"
	end
	if header["sec-websocket-version"] ~= "13" then
		return 400, "Sec-WebSocket-Version must 13"
	end
	local protocol_line = ""
	local offered = header["sec-websocket-protocol"]
	if type(offered) == "string" then
		for name in string.gmatch(offered, "[^%s,]+") do
			if name == "chat" then
				protocol_line = "Sec-WebSocket-Protocol: chat\r\n"
			end
		end
	end
	conn.real_ip = header["x-real-ip"] -- set by a proxy such as nginx
	conn.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" ..
		"Sec-WebSocket-Accept: " .. crypt.base64encode(crypt.sha1(key .. GUID)) .. "\r\n" .. protocol_line .. "\r\n")
	return nil, header, url
end

local function serve(conn, options)
	notify(conn, "connect")
	local code, header, url = server_handshake(conn, options and options.upgrade)
	if code then
		local ok, err = httpd.write_response(conn.write, code, header)
		if not ok then
			error(err)
		end
		notify(conn, "close")
		return
	end
	notify(conn, "handshake", header, url)
	local parts, size, first_op
	while conns[conn.id] == conn do
		local fin, op, payload = read_frame(conn)
		if op == "close" then
			send_frame(conn, "close")
			notify(conn, "close", close_reason(payload))
			return
		elseif op == "ping" then
			send_frame(conn, "pong", payload)
			notify(conn, "ping")
		elseif op == "pong" then
			notify(conn, "pong")
		elseif fin and not parts then
			notify(conn, "message", payload, op)
		else
			parts = parts or {}
			parts[#parts + 1] = payload
			size = (size or 0) + #payload
			if size > MAX_MESSAGE then
				error("payload_len is too large")
			end
			first_op = first_op or op
			if fin then
				local message, message_op = table.concat(parts), first_op
				parts, size, first_op = nil, nil, nil
				notify(conn, "message", message, message_op)
			end
		end
	end
	notify(conn, "close") -- closed by websocket.close in a handler
end

-- debug.traceback for a text, the error itself otherwise (LuaJ's traceback fails on a table, which
-- Lua 5.2+ returns untouched; socket_error must come through as itself)
local function with_traceback(err)
	if type(err) == "string" then
		return debug.traceback(err, 2)
	end
	return err
end

function websocket.accept(id, handle, protocol, addr, options)
	if not (options and options.upgrade) then
		local ok, err = socket.start(id)
		if not ok then
			return false, err
		end
	end
	local made, conn = pcall(new_conn, id, "server", handle, addr, protocol or "ws")
	if not made then
		socket.close(id)
		return false, conn
	end
	if handle and handle.warning then
		local ok = pcall(socket.warning, id, function(_, size)
			handle.warning(conn, size)
		end)
		if not ok then
			drop(conn)
			return false, "connect is closed " .. id
		end
	end
	local ok, err = xpcall(serve, with_traceback, conn, options)
	local closed = conns[id] ~= conn
	drop(conn)
	if not ok then
		if err ~= sockethelper.socket_error then
			return false, err
		elseif closed then
			notify(conn, "close")
		else
			notify(conn, "error", err)
		end
	end
	return true
end

-- Sends the upgrade request and checks the answer.
local function client_handshake(conn, host, path, extra)
	local key = crypt.base64encode(crypt.randomkey() .. crypt.randomkey())
	local header = {
		["Upgrade"] = "websocket",
		["Connection"] = "Upgrade",
		["Sec-WebSocket-Version"] = "13",
		["Sec-WebSocket-Key"] = key,
	}
	for k, v in pairs(extra or {}) do
		assert(header[k] == nil, k)
		header[k] = v
	end
	local answer = {}
	local code, rest = internal.request(conn, "GET", host, path, answer, header)
	if code ~= 101 then
		error(string.format("websocket handshake error: code[%s] info:%s", code, rest))
	end
	conn.read = internal.prefixed_reader(conn.read, rest)
	if lower_field(answer, "upgrade") ~= "websocket" then
		error("websocket handshake upgrade must websocket")
	elseif lower_field(answer, "connection") ~= "upgrade" then
		error("websocket handshake connection must upgrade")
	end
	local accept = answer["sec-websocket-accept"]
	if not accept then
		error("websocket handshake need Sec-WebSocket-Accept")
	elseif crypt.base64decode(accept) ~= crypt.sha1(key .. GUID) then
		error("websocket handshake invalid Sec-WebSocket-Accept")
	end
end

function websocket.connect(url, header, timeout)
	local protocol, host, path = string.match(url, "^(wss?)://([^/]+)(.*)$")
	if not protocol then
		error(string.format("invalid protocol: %s", tostring(string.match(url, "^(%a+)://"))))
	end
	local address, port = string.match(host, "^%[(.+)%]:?(%d*)$")
	if not address then
		address, port = string.match(host, "^([^:]+):?(%d*)$")
	end
	assert(address, "invalid websocket host " .. host)
	port = tonumber(port) or (protocol == "ws" and 80 or 443)
	local id = sockethelper.connect(address, port, timeout)
	local hostname = not string.match(address, "^[%d%.]+$") and not string.find(address, ":", 1, true) and address or nil
	local made, conn = pcall(new_conn, id, "client", nil, host, protocol, hostname)
	if not made then
		socket.close(id)
		error(conn)
	end
	local ok, err = pcall(client_handshake, conn, host, path == "" and "/" or path, header)
	if not ok then
		drop(conn)
		error(err)
	end
	return id
end

-- The next message (text or binary); false and the close frame's payload when the peer closed.
-- Pings are answered on the way.
function websocket.read(id)
	local conn = assert(conns[id])
	local parts
	while true do
		local fin, op, payload = read_frame(conn)
		if op == "close" then
			drop(conn)
			return false, payload
		elseif op == "ping" then
			send_frame(conn, "pong", payload)
		elseif op ~= "pong" then
			if fin and not parts then
				return payload
			end
			parts = parts or {}
			parts[#parts + 1] = payload
			if fin then
				return table.concat(parts)
			end
		end
	end
end

function websocket.write(id, data, fmt, masking_key)
	local conn = assert(conns[id])
	fmt = fmt or "text"
	assert(fmt == "text" or fmt == "binary", "websocket.write: fmt must be text or binary")
	send_frame(conn, fmt, data, masking_key)
end

function websocket.ping(id)
	send_frame(assert(conns[id]), "ping")
end

function websocket.addrinfo(id)
	return assert(conns[id]).addr
end

function websocket.real_ip(id)
	return assert(conns[id]).real_ip
end

-- Sends a close frame (with code and reason when given) and closes the connection.
function websocket.close(id, code, reason)
	local conn = conns[id]
	if not conn then
		return
	end
	local ok, err = pcall(send_frame, conn, "close", close_payload(code, reason))
	drop(conn)
	if not ok then
		skynet.error(tostring(err))
	end
end

function websocket.is_close(id)
	return conns[id] == nil
end

return websocket
