-- On node game: answers GREET calls from other nodes; WAIT returns once a BYE push has arrived.
local skynet = require "skynet"
local cluster = require "skynet.cluster"

local finished, waiting = false, nil

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, player)
		if cmd == "GREET" then
			skynet.retpack("welcome back, " .. player)
		elseif cmd == "BYE" then
			finished = true
			if waiting then
				waiting(true)
			end
		elseif cmd == "WAIT" then
			if finished then
				skynet.retpack(true)
			else
				waiting = skynet.response()
			end
		end
	end)
	cluster.register("greeter")
end)
