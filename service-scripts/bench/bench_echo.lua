-- Replies to every "lua" request with its arguments.
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function(session, source, ...)
		skynet.retpack(...)
	end)
end)
