-- skynet.coroutine: a generator whose body makes skynet calls (sleep) between its yields.
local skynet = require "skynet"
local coroutine = require "skynet.coroutine"
local check = require "check"

local function ticker(n)
	for i = 1, n do
		skynet.sleep(1)
		coroutine.yield(i)
	end
	return "end"
end

skynet.start(function()
	local co = coroutine.create(ticker)
	local seen = {}
	local watched
	skynet.fork(function()
		watched = coroutine.status(co)
	end)
	while true do
		local ok, v = coroutine.resume(co, 3)
		check.ok("resume " .. tostring(v), ok, v)
		seen[#seen + 1] = v
		if coroutine.status(co) == "dead" then
			break
		end
	end
	check.eq("values", table.concat(seen, ","), "1,2,3,end")
	check.eq("a fork sees it blocked in skynet.sleep", watched, "blocked")
	print("DONE")
end)
