-- skynet's "console" service: each line typed on the node's standard input starts a service,
-- "name args..." as skynet.newservice(name, args...), "snax name args..." as snax.newservice.
-- A line that fails is ignored (as in skynet); the service stops reading at the end of input.
-- skynetj's sockets cannot adopt the OS's standard input (socket.stdin): then it says so and only
-- stays idle, so a program that starts it (skynet's test/testmulticast2.lua) runs on.
local skynet = require "skynet"
local snax = require "skynet.snax"
local socket = require "skynet.socket"

local function start(line)
	local words = {}
	for w in string.gmatch(line, "%S+") do
		words[#words + 1] = w
	end
	if words[1] == "snax" then
		pcall(snax.newservice, table.unpack(words, 2))
	elseif words[1] then
		pcall(skynet.newservice, table.unpack(words))
	end
end

skynet.start(function()
	skynet.fork(function()
		local ok, stdin = pcall(socket.stdin)
		if not ok then
			skynet.error("console: no standard input: " .. tostring(stdin))
			return
		end
		while true do
			local line = socket.readline(stdin, "\n")
			if not line then
				break
			end
			start(line)
		end
	end)
end)
