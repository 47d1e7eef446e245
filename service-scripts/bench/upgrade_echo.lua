-- The service behind the upgrade benchmark: answers every call, counts them, hands the count over.
local skynet = require "skynet"
local upgrade = require "skynet.upgrade"

local state = { calls = 0 }

upgrade.hooks {
	snapshot = function() return state end,
	restore = function(old) state = old end,
}

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, v)
		state.calls = state.calls + 1
		if cmd == "count" then
			skynet.retpack(state.calls)
		else
			skynet.retpack(v)
		end
	end)
end)
