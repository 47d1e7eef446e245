-- On node db: a player joins with a push; the lobby greets them by calling their node back, then says BYE.
local skynet = require "skynet"
local cluster = require "skynet.cluster"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, node, player)
		assert(cmd == "JOIN", "unknown command " .. tostring(cmd))
		print("db: " .. player .. " joins from node " .. node)
		local answer = cluster.call(node, "@greeter", "GREET", player)
		print("db: " .. node .. " answered: " .. answer)
		cluster.send(node, "@greeter", "BYE")
	end)
	cluster.register("lobby")
end)
