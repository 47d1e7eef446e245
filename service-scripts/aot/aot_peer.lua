-- The service the start-up cache's training run talks to (aot_training.lua).
local skynet = require "skynet"

local counted = 0
local commands = {}

function commands.echo(v)
	skynet.retpack(v)
end

function commands.count()
	counted = counted + 1
end

function commands.counted()
	skynet.retpack(counted)
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, command, ...)
		commands[command](...)
	end)
end)
