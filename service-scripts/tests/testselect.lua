-- skynet.request{} + select: requests to invalid addresses come out first with no resp, then each
-- reply as it arrives (false for a failed call); with a timeout iteration stops early.
local skynet = require "skynet"
local service = require "skynet.service"
local check = require "check"

local function sleeper()
	local skynet = require "skynet"
	skynet.start(function()
		skynet.dispatch("lua", function(_, _, ti)
			if ti == "fail" then
				error("asked to fail")
			end
			skynet.sleep(ti)
			skynet.retpack(ti, "slept")
		end)
	end)
end

-- what select yields, as "label:resp" items; resp is "nil", "false" or the reply values
local function collect(reqs, timeout)
	local seen = {}
	for req, resp in reqs:select(timeout) do
		local r = resp == nil and "nil" or resp == false and "false" or table.concat(resp, "/", 1, resp.n)
		seen[#seen + 1] = req.label .. ":" .. r
	end
	return check.list(seen)
end

local function req(label, ...)
	return { label = label, ... }
end

skynet.start(function()
	local s = service.new("sleeper", sleeper)

	local all = skynet.request(req("slow", s, "lua", 20))
	all:add(req("fast", s, "lua", 5))
	all:add(req("nobody", ".nosuchservice", "lua", 1))
	all:add(req("fails", s, "lua", "fail"))
	check.eq("invalid first, then by arrival", collect(all), "nobody:nil,fails:false,fast:5/slept,slow:20/slept")
	check.eq("no timeout flag without a timeout", all.timeout, nil)

	-- wide margins (1 cs, 100 cs, 150 cs): on a loaded machine a turn can come tens of cs late
	local part = skynet.request(req("late", s, "lua", 150)):add(req("soon", s, "lua", 1))
	local t0 = skynet.now()
	check.eq("a timeout stops the iteration", collect(part, 100), "soon:1/slept")
	check.eq("and sets req.timeout", part.timeout, true)
	-- (the "late" reply, due at 150 cs, was not collected: the iteration ended at the timeout)
	check.ok("not before the timeout", skynet.now() - t0 >= 100, skynet.now() - t0)

	skynet.sleep(100) -- the abandoned call's reply comes back now and must be dropped quietly
	check.eq("the service still works after an abandoned reply", skynet.call(s, "lua", 1), 1)
	print("DONE")
end)
