-- Used by testecho: "echo" answers with its arguments, "push" (a send) records its argument,
-- "log" answers with everything the caller pushed so far.
local skynet = require "skynet"

local logs = {}

skynet.start(function()
	skynet.dispatch("lua", function(_, source, cmd, ...)
		if cmd == "echo" then
			skynet.retpack(...)
		elseif cmd == "push" then
			local log = logs[source] or {}
			logs[source] = log
			log[#log + 1] = ...
		elseif cmd == "log" then
			skynet.retpack(logs[source] or {})
		end
	end)
end)
