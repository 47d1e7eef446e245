-- (g) network echo: a TCP echo server for tools/bench's echo rows. It listens on 127.0.0.1 at a free
-- port, prints "BENCH_LISTEN port=N" and sends every connection's bytes back as they come. The load
-- comes from outside the node (the bench runner's clients, io.skynetj.bench.EchoLoad), so skynetj and
-- skynet are driven and timed the same way; a connection whose first bytes are "QUIT" ends the node.
-- Only skynet's socket API: runs unchanged on both.
local skynet = require "skynet"
require "skynet.manager" -- skynet.abort
local socket = require "skynet.socket"
local driver = require "skynet.socketdriver"

local function serve(fd)
	socket.start(fd)
	driver.nodelay(fd)
	local data = socket.read(fd)
	if data == "QUIT" then
		skynet.abort()
		return
	end
	while data do
		socket.write(fd, data)
		data = socket.read(fd)
	end
	socket.close(fd)
end

skynet.start(function()
	-- a backlog for the runner's 1,000 idle connections, opened one after another
	local id, _, port = socket.listen("127.0.0.1", 0, 1024)
	socket.start(id, function(fd)
		skynet.fork(serve, fd)
	end)
	print("BENCH_LISTEN port=" .. port)
	io.stdout:flush()
end)
