-- Leaderboard, version 1: state is { scores = { [player] = points } }.
-- Upgradable: snapshot/restore hand the state to the next version (see board_v2.lua).
local skynet = require "skynet"
local upgrade = require "skynet.upgrade"

local VERSION = "v1"
local state = { scores = {} }
local CMD = {}

function CMD.score(player, points)
	state.scores[player] = (state.scores[player] or 0) + points
end

function CMD.top(n)
	local list = {}
	for player, points in pairs(state.scores) do
		list[#list + 1] = { player = player, points = points }
	end
	table.sort(list, function(a, b) return a.points > b.points end)
	local lines = {}
	for i = 1, math.min(n, #list) do
		lines[i] = string.format("%s %d", list[i].player, list[i].points)
	end
	return VERSION, table.concat(lines, ", ")
end

upgrade.hooks {
	snapshot = function() return state end,
	restore = function(old, from_version)
		-- rolling back from v2: fold its per-player records into plain scores
		if old.players then
			local scores = {}
			for player, rec in pairs(old.players) do scores[player] = rec.points end
			old = { scores = scores }
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
