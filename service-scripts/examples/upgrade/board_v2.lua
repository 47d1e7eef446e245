-- Leaderboard, version 2: state is { players = { [player] = { points =, games = } } } and top()
-- shows games played. restore() migrates a v1 state. To upgrade a running node:
--   cp service-scripts/examples/upgrade/board_v2.lua service-scripts/examples/upgrade/board.lua
--   tools/skynetj upgrade .board
local skynet = require "skynet"
local upgrade = require "skynet.upgrade"

local VERSION = "v2"
local state = { players = {} }
local CMD = {}

function CMD.score(player, points)
	local rec = state.players[player] or { points = 0, games = 0 }
	rec.points = rec.points + points
	rec.games = rec.games + 1
	state.players[player] = rec
end

function CMD.top(n)
	local list = {}
	for player, rec in pairs(state.players) do
		list[#list + 1] = { player = player, rec = rec }
	end
	table.sort(list, function(a, b) return a.rec.points > b.rec.points end)
	local lines = {}
	for i = 1, math.min(n, #list) do
		lines[i] = string.format("%s %d (%d games)", list[i].player, list[i].rec.points, list[i].rec.games)
	end
	return VERSION, table.concat(lines, ", ")
end

upgrade.hooks {
	snapshot = function() return state end,
	restore = function(old, from_version)
		if old.scores then -- a v1 state: games played before v2 were not counted
			local players = {}
			for player, points in pairs(old.scores) do players[player] = { points = points, games = 0 } end
			old = { players = players }
		end
		state = old
	end,
}

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, ...)
		local f = assert(CMD[cmd], "unknown command " .. tostring(cmd))
		if session == 0 then f(...) else skynet.retpack(f(...)) end
	end)
end)
