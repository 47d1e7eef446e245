-- skynet.response: a server keeps the reply closures of "wait" requests and answers them later, out
-- of order, from another request's coroutine; TEST, double use, response(false), a dead requester.
local skynet = require "skynet"
local service = require "skynet.service"
local check = require "check"

local function holder()
	local skynet = require "skynet"
	local held = {}
	skynet.start(function()
		skynet.dispatch("lua", function(_, _, cmd, ...)
			if cmd == "wait" then
				held[#held + 1] = skynet.response()
			elseif cmd == "release" then -- answer the held ones, newest first
				local ok, out = ...
				local results = {}
				for i = #held, 1, -1 do
					local alive = held[i]("TEST")
					local sent = held[i](ok, out .. i)
					results[#results + 1] = tostring(alive) .. "/" .. tostring(sent)
				end
				local _, twice = pcall(held[1], true, "again")
				held = {}
				skynet.retpack(table.concat(results, ","), twice)
			elseif cmd == "count" then
				skynet.retpack(#held)
			end
		end)
	end)
end

local function caller(target)
	local skynet = require "skynet"
	skynet.start(function()
		skynet.fork(skynet.call, target, "lua", "wait")
		skynet.dispatch("lua", function() skynet.exit() end)
	end)
end

skynet.start(function()
	local h = service.new("holder", holder)
	local got = {}
	for i = 1, 3 do
		skynet.fork(function()
			local ok, v = pcall(skynet.call, h, "lua", "wait")
			got[#got + 1] = tostring(ok) .. ":" .. tostring(v)
		end)
	end
	skynet.sleep(5)
	check.eq("callers wait for the held replies", #got, 0)
	local report, twice = skynet.call(h, "lua", "release", true, "r")
	check.eq("TEST true while the callers wait, each reply sent", report, "true/true,true/true,true/true")
	check.ok("a second use raises", tostring(twice):find("Can't response more than once", 1, true), twice)
	skynet.yield()
	check.eq("answered newest first", check.list(got), "true:r3,true:r2,true:r1")

	got = {}
	skynet.fork(function()
		local ok, err = pcall(skynet.call, h, "lua", "wait")
		got[1] = tostring(ok) .. ":" .. tostring(err):match("call failed")
	end)
	skynet.sleep(5)
	skynet.call(h, "lua", "release", false, "")
	skynet.yield()
	check.eq("response(false) fails the call", got[1], "false:call failed")

	-- a requester that exits while its request is held
	local c = service.new("caller", caller, h)
	skynet.sleep(5)
	check.eq("the request is held", skynet.call(h, "lua", "count"), 1)
	skynet.send(c, "lua", "exit")
	skynet.sleep(5)
	local report2 = skynet.call(h, "lua", "release", true, "late")
	check.eq("TEST false and nothing sent once the requester is gone", report2, "false/false")
	print("DONE")
end)
