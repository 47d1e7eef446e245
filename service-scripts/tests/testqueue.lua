-- skynet.queue: requests entering one critical section run one at a time in arrival order, even
-- though each blocks inside it.
local skynet = require "skynet"
local queue = require "skynet.queue"
local check = require "check"

skynet.start(function()
	local cs = queue()
	local log = {}
	local inside = 0
	local most = 0
	local done = 0
	for i = 1, 5 do
		skynet.fork(function()
			cs(function()
				inside = inside + 1
				most = math.max(most, inside)
				skynet.sleep(6 - i) -- later ones would finish first without the queue
				log[#log + 1] = i
				inside = inside - 1
			end)
			done = done + 1
		end)
	end
	while done < 5 do
		skynet.sleep(1)
	end
	check.eq("one at a time", most, 1)
	check.eq("in arrival order", table.concat(log, ","), "1,2,3,4,5")
	check.raises("errors come out of cs", "inner", cs, function() error("inner") end)
	check.eq("the queue is free after an error", cs(function() return "free" end), "free")
	print("DONE")
end)
