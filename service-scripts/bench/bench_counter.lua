-- Adds up the numbers sent to it; a call (no arguments) returns the total so far.
local skynet = require "skynet"

local total = 0

skynet.start(function()
	skynet.dispatch("lua", function(session, source, n)
		if session == 0 then
			total = total + n
		else
			skynet.retpack(total)
		end
	end)
end)
