-- snax.loginserver: skynet's login server. A service file calls login(conf) once; the first
-- instance becomes the master (listens, registers ".login" or "." .. conf.name, runs
-- conf.login_handler and conf.command_handler), and starts conf.instance (default 8) copies of
-- itself as slaves that run the handshake and conf.auth_handler.
--
-- The protocol, one line (\n) per step, binary values base64-encoded:
--   server: 8-byte challenge          client: its DH key (dhexchange of an 8-byte secret)
--   server: its DH key                both: secret = dhsecret(other's key, own secret)
--   client: hmac64(challenge, secret) client: desencode(secret, token)
--   server: "200 " .. base64(login_handler's subid), or 401 (auth_handler failed), 403
--   (login_handler failed), 406 (already logging in, unless conf.multilogin)
local skynet = require "skynet"
require "skynet.manager"
local socket = require "skynet.socket"
local crypt = require "skynet.crypt"

-- raised when the client's socket is gone (only logged as such)
local SOCKET_GONE = setmetatable({}, { __tostring = function() return "socket error" end })

local function checked(step, fd, value)
	if not value then
		skynet.error(string.format("%s failed: socket (fd = %d) closed", step, fd))
		error(SOCKET_GONE)
	end
	return value
end

local function send_line(step, fd, text)
	checked(step, fd, socket.write(fd, text .. "\n"))
end

-- Slave: the handshake on one connection. Returns server, uid, secret from auth_handler.
local function handshake(fd, auth_handler)
	socket.limit(fd, 8192) -- a client sending more than a line's worth is cut off
	local challenge = crypt.randomkey()
	send_line("auth", fd, crypt.base64encode(challenge))
	local client_key = crypt.base64decode(checked("auth", fd, socket.readline(fd)))
	if #client_key ~= 8 then
		error "Invalid client key"
	end
	local server_secret = crypt.randomkey()
	send_line("auth", fd, crypt.base64encode(crypt.dhexchange(server_secret)))
	local secret = crypt.dhsecret(client_key, server_secret)
	local proof = crypt.base64decode(checked("auth", fd, socket.readline(fd)))
	if proof ~= crypt.hmac64(challenge, secret) then
		error "challenge failed"
	end
	local token = crypt.desdecode(secret, crypt.base64decode(checked("auth", fd, socket.readline(fd))))
	local ok, server, uid = pcall(auth_handler, token)
	return ok, server, uid, secret
end

local function run_slave(auth_handler)
	-- "auth", fd, addr -> true, server, uid, secret | false, why (401) | nil, why (socket gone)
	skynet.dispatch("lua", function(_, _, fd, addr)
		skynet.error(string.format("connect from %s (fd = %d)", addr, fd))
		local started, ok, server, uid, secret = pcall(function()
			socket.start(fd)
			return handshake(fd, auth_handler)
		end)
		socket.abandon(fd) -- the master takes the socket back for the answer
		if not started then
			if ok == SOCKET_GONE then
				skynet.ret(skynet.pack(nil, "socket error"))
			else
				skynet.ret(skynet.pack(nil, tostring(ok)))
			end
		elseif not ok then
			skynet.ret(skynet.pack(false, server))
		else
			skynet.ret(skynet.pack(true, server, uid, secret))
		end
	end)
end

-- Master: hands the connection to a slave, then answers the client itself.
local function serve_client(conf, logging_in, slave, fd, addr)
	local ok, server, uid, secret = skynet.call(slave, "lua", fd, addr)
	socket.start(fd)
	if not ok then
		if ok == false then
			send_line("response 401", fd, "401 Unauthorized")
		end
		error(server)
	end
	if not conf.multilogin then
		if logging_in[uid] then
			send_line("response 406", fd, "406 Not Acceptable")
			error(string.format("User %s is already login", uid))
		end
		logging_in[uid] = true
	end
	local done, subid = pcall(conf.login_handler, server, uid, secret)
	logging_in[uid] = nil
	if not done then
		send_line("response 403", fd, "403 Forbidden")
		error(subid)
	end
	send_line("response 200", fd, "200 " .. crypt.base64encode(subid or ""))
end

local function run_master(conf)
	local instances = conf.instance or 8
	assert(instances > 0, "conf.instance must be positive")
	local host = conf.host or "0.0.0.0"
	local port = assert(tonumber(conf.port), "conf.port is needed")
	skynet.dispatch("lua", function(_, _, command, ...)
		skynet.ret(skynet.pack(conf.command_handler(command, ...)))
	end)
	local slaves = {}
	for i = 1, instances do
		slaves[i] = skynet.newservice(SERVICE_NAME)
	end
	local logging_in = {}
	local next_slave = 0
	local listener, _, bound = socket.listen(host, port)
	conf.port = bound or port -- with port 0, the port the system chose (command_handler can tell it)
	skynet.error(string.format("login server listen at : %s %d", host, conf.port))
	socket.start(listener, function(fd, addr)
		next_slave = next_slave % #slaves + 1
		local ok, err = pcall(serve_client, conf, logging_in, slaves[next_slave], fd, addr)
		if not ok and err ~= SOCKET_GONE then
			skynet.error(string.format("invalid client (fd = %d) error = %s", fd, tostring(err)))
		end
		socket.close(fd)
	end)
end

local function login(conf)
	local name = "." .. (conf.name or "login")
	skynet.start(function()
		if skynet.localname(name) then
			run_slave(assert(conf.auth_handler, "conf.auth_handler is needed"))
		else
			assert(conf.login_handler, "conf.login_handler is needed")
			assert(conf.command_handler, "conf.command_handler is needed")
			skynet.register(name)
			run_master(conf)
		end
	end)
end

return login
