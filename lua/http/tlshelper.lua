-- http.tlshelper: TLS for httpc and websocket (https, wss) over skynet.socket, with skynet's API.
-- The TLS work is ltls.c's (the JDK's SSLEngine); here bytes move between it and the socket.
local sockethelper = require "http.sockethelper"
local ltls = require "ltls.c"

local tlshelper = {}

local function send(write, bytes)
	if bytes and bytes ~= "" then
		write(bytes)
	end
end

-- init(hostname): the client's handshake (hostname, if given, is sent as SNI and checked)
function tlshelper.init_requestfunc(fd, tls)
	local read, write = sockethelper.readfunc(fd), sockethelper.writefunc(fd)
	return function(hostname)
		if hostname then
			tls:set_ext_host_name(hostname)
		end
		send(write, tls:handshake())
		while not tls:finished() do
			send(write, tls:handshake(read()))
		end
	end
end

-- init(): the server's handshake
function tlshelper.init_responsefunc(fd, tls)
	local read, write = sockethelper.readfunc(fd), sockethelper.writefunc(fd)
	return function()
		while not tls:finished() do
			send(write, tls:handshake(read()))
		end
		send(write, tls:write()) -- what the engine still has to say (e.g. session tickets)
	end
end

function tlshelper.closefunc(tls)
	return function()
		tls:close()
	end
end

-- read(n) -> n bytes of plain text; read() -> what has arrived (possibly "" while a record is incomplete)
function tlshelper.readfunc(fd, tls)
	local read = sockethelper.readfunc(fd)
	local buffered
	return function(n)
		if buffered == nil then
			buffered = tls:read() -- plain text that came along with the handshake
		end
		if n == nil then
			if buffered == "" then
				return tls:read(read())
			end
			local out = buffered
			buffered = ""
			return out
		end
		while #buffered < n do
			buffered = buffered .. tls:read(read())
		end
		local out = string.sub(buffered, 1, n)
		buffered = string.sub(buffered, n + 1)
		return out
	end
end

function tlshelper.writefunc(fd, tls)
	local write = sockethelper.writefunc(fd)
	return function(text)
		send(write, tls:write(text))
	end
end

function tlshelper.readallfunc(fd, tls)
	return function()
		return tls:read(sockethelper.readall(fd) or "")
	end
end

function tlshelper.newctx()
	return ltls.newctx()
end

function tlshelper.newtls(method, ctx, hostname)
	return ltls.newtls(method, ctx, hostname)
end

return tlshelper
