-- http.httpc: an HTTP/1.1 client. Each request opens a connection, sends, reads the whole reply
-- (content-length, chunked, or up to the close) and closes. httpc.timeout (centiseconds) bounds
-- the connect and the whole exchange. https goes through http.tlshelper (the JDK's TLS).
local skynet = require "skynet"
local sockethelper = require "http.sockethelper"
local internal = require "http.internal"

local httpc = {}

local use_dns = false

-- Resolves host names through skynet.dns (with this name server; nil = resolv.conf's) from now on.
function httpc.dns(server, port)
	use_dns = true
	require("skynet.dns").server(server, port)
end

local function is_ipv4(h)
	return string.match(h, "^%d+%.%d+%.%d+%.%d+$") ~= nil
end

-- "http://host:port", "host:port", "[v6]:port", "host" -> protocol, host, port, is_name, Host header
local function parse_target(target)
	local protocol, rest = string.match(target, "^(%a+)://(.*)$")
	protocol = protocol and string.lower(protocol) or "http"
	rest = rest or target
	local default_port = ({ http = 80, https = 443 })[protocol]
	if not default_port then
		error("Invalid protocol: " .. protocol)
	end
	local host, port
	local v6, v6port = string.match(rest, "^%[(.-)%]:?(%d*)$")
	if v6 then
		host, port = v6, v6port
	elseif select(2, string.gsub(rest, ":", "")) > 1 then
		error(string.format("Invalid host: bare IPv6 address '%s', use '[%s]' instead", rest, rest))
	else
		host, port = string.match(rest, "^([^:]*):?(%d*)$")
		if not host then
			error("Invalid host: " .. rest)
		end
	end
	port = tonumber(port) or default_port
	return protocol, host, port, not v6 and not is_ipv4(host), rest
end

local client_ctx -- one TLS context for every https request of this service

local function connect(target, timeout)
	local protocol, host, port, is_name, host_header = parse_target(target)
	local address = host
	if is_name and use_dns then
		local why
		address, why = require("skynet.dns").resolve(host)
		if not address then
			error(string.format("%s dns resolve failed msg:%s", host, why))
		end
	end
	local fd = sockethelper.connect(address, port, timeout)
	local conn = {
		fd = fd,
		read = sockethelper.readfunc(fd),
		write = sockethelper.writefunc(fd),
		readall = function()
			return sockethelper.readall(fd)
		end,
	}
	if timeout then
		skynet.timeout(timeout, function()
			if not conn.finished then
				sockethelper.shutdown(fd) -- the pending read fails; the request closes the socket
			end
		end)
	end
	if protocol == "https" then
		local tls = require "http.tlshelper"
		client_ctx = client_ctx or tls.newctx()
		local session = tls.newtls("client", client_ctx, is_name and host or nil)
		conn.read, conn.write, conn.readall = tls.readfunc(fd, session), tls.writefunc(fd, session), tls.readallfunc(fd, session)
		local ok, err = pcall(tls.init_requestfunc(fd, session))
		if not ok then
			conn.finished = true
			sockethelper.close(fd)
			error(err)
		end
	end
	return conn, host_header
end

local function finish(conn)
	conn.finished = true
	sockethelper.close(conn.fd)
end

-- request(method, host, url [, recvheader [, header [, content]]]) -> status code, body.
-- recvheader, when given, receives the reply's header fields (lower-case names).
function httpc.request(method, host, url, recvheader, header, content)
	local conn, host_header = connect(host, httpc.timeout)
	local ok, code, rest, fields = pcall(internal.request, conn, method, host_header, url, recvheader, header, content)
	local body
	if ok then
		ok, body = pcall(internal.response, conn, code, rest, fields)
	else
		body = code
	end
	finish(conn)
	if not ok then
		error(body)
	end
	return code, body
end

function httpc.head(host, url, recvheader, header, content)
	local conn, host_header = connect(host, httpc.timeout)
	local ok, code = pcall(internal.request, conn, "HEAD", host_header, url, recvheader, header, content)
	finish(conn)
	if not ok then
		error(code)
	end
	return code
end

-- Like request, but returns a stream: stream.status, stream.header, and stream() (or
-- stream:padding()) for each piece of the body, nil after the last; stream:close() when done early.
function httpc.request_stream(method, host, url, recvheader, header, content)
	local conn, host_header = connect(host, httpc.timeout)
	local ok, code, rest, fields = pcall(internal.request, conn, method, host_header, url, recvheader, header, content)
	conn.finished = true -- the timeout no longer applies once the stream is handed out
	if not ok then
		sockethelper.close(conn.fd)
		error(code)
	end
	local stream = internal.response_stream(conn, code, rest, fields)
	stream._onclose = function()
		sockethelper.close(conn.fd)
	end
	return stream
end

function httpc.get(...)
	return httpc.request("GET", ...)
end

-- every byte but letters, digits and '_' as %XX
local function escape(s)
	return (string.gsub(tostring(s), "[^%w_]", function(c)
		return string.format("%%%02X", string.byte(c))
	end))
end

-- post(host, url, form [, recvheader]): form fields sent as application/x-www-form-urlencoded
function httpc.post(host, url, form, recvheader)
	local fields = {}
	for k, v in pairs(form) do
		fields[#fields + 1] = escape(k) .. "=" .. escape(v)
	end
	return httpc.request("POST", host, url, recvheader,
		{ ["content-type"] = "application/x-www-form-urlencoded" }, table.concat(fields, "&"))
end

return httpc
