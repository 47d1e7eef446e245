-- A minimal live service that runs a full collection of its own Lua VM when asked (a "lua" call).
local skynet = require "skynet"

skynet.start(function()
	skynet.dispatch("lua", function()
		collectgarbage("collect")
		skynet.ret()
	end)
end)
