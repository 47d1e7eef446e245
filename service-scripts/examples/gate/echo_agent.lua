-- One agent per connection: the gate forwards the connection's packets here as PTYPE_CLIENT
-- messages; each is answered with "echo: <packet>", and "quit" closes the connection.
local skynet = require "skynet"
local socket = require "skynet.socket"
local netpack = require "skynet.netpack"

local client_fd
local watchdog
local count = 0

skynet.register_protocol {
	name = "client",
	id = skynet.PTYPE_CLIENT,
	unpack = skynet.tostring,
	dispatch = function(fd, _, text)
		assert(fd == client_fd)
		skynet.ignoreret() -- the session is the fd: there is nothing to answer
		if text == "quit" then
			skynet.call(watchdog, "lua", "close", client_fd)
			return
		end
		count = count + 1
		socket.write(client_fd, netpack.pack("echo: " .. text))
	end,
}

local CMD = {}

function CMD.start(conf)
	client_fd = conf.client
	watchdog = conf.watchdog
	skynet.call(conf.gate, "lua", "forward", client_fd)
end

function CMD.disconnect()
	print("agent for connection " .. client_fd .. " answered " .. count .. " messages")
	skynet.exit()
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, ...)
		local f = CMD[cmd]
		skynet.ret(skynet.pack(f(...)))
	end)
end)
