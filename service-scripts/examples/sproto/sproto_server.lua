-- One coroutine per connection: decodes requests with the c2s schema, answers them, and pushes a
-- heartbeat request (s2c) after the handshake.
local skynet = require "skynet"
local socket = require "skynet.socket"
local sprotoloader = require "sprotoloader"

local store = {}
local host, push

local function send(id, packet)
	socket.write(id, string.char(math.floor(#packet / 256), #packet % 256) .. packet)
end

local REQUEST = {}

function REQUEST.handshake()
	return { msg = "Welcome to skynetj" }, "heartbeat"
end

function REQUEST.get(args)
	return { result = store[args.what] }
end

function REQUEST.set(args)
	store[args.what] = args.value
end

function REQUEST.quit()
	return nil, "quit"
end

local function serve(id)
	socket.start(id)
	while true do
		local head = socket.read(id, 2)
		if not head then break end
		local packet = socket.read(id, head:byte(1) * 256 + head:byte(2))
		if not packet then break end
		local kind, name, args, respond = host:dispatch(packet)
		assert(kind == "REQUEST", kind)
		local result, after = REQUEST[name](args)
		if respond then send(id, respond(result)) end
		if after == "heartbeat" then
			send(id, push("heartbeat", nil, nil))
		elseif after == "quit" then
			break
		end
	end
	socket.close(id)
end

skynet.start(function()
	host = sprotoloader.load(1):host "package"
	push = host:attach(sprotoloader.load(2))
	skynet.dispatch("lua", function(_, _, cmd, addr, port)
		assert(cmd == "listen")
		local listener, a, p = socket.listen(addr, port)
		socket.start(listener, function(id)
			skynet.fork(serve, id)
		end)
		skynet.retpack(a, p)
	end)
end)
