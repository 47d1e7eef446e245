-- Start service of the upgrade example: a managed leaderboard (.board), players scoring all the
-- time, and the top three printed every second. Upgrade it while it runs (see README).
local skynet = require "skynet"
local upgrade = require "skynet.upgrade"

local PLAYERS = { "ada", "bob", "cy", "dee", "eve" }

skynet.start(function()
	upgrade.newservice(".board", "board")
	skynet.fork(function()
		local i = 0
		while true do
			i = i + 1
			skynet.send(".board", "lua", "score", PLAYERS[i % #PLAYERS + 1], i % 7 + 1)
			skynet.sleep(2)
		end
	end)
	while true do
		skynet.sleep(100)
		local version, top = skynet.call(".board", "lua", "top", 3)
		print(string.format("[%s] top: %s", version, top))
	end
end)
