-- require "skynet.queue": a critical section that survives blocking calls.
-- cs(f, ...) runs f so that no other coroutine of this service enters the same cs until it returns;
-- waiters are admitted in FIFO order and the owner may re-enter. Errors in f are re-raised after
-- the section is released.
local skynet = require "skynet"

local function new_queue()
	local owner        -- coroutine inside the section
	local depth = 0    -- re-entry count of the owner
	local waiting = {} -- FIFO of coroutines waiting to enter
	local head, tail = 1, 0

	local function leave(ok, ...)
		depth = depth - 1
		if depth == 0 then
			owner = nil
			if head <= tail then
				local nextco = waiting[head]
				waiting[head] = nil
				head = head + 1
				owner = nextco
				skynet.wakeup(nextco)
			end
		end
		if not ok then
			error((...), 0)
		end
		return ...
	end

	return function(f, ...)
		local me = coroutine.running()
		if owner ~= me then
			if owner ~= nil then
				tail = tail + 1
				waiting[tail] = me
				skynet.wait(me)
			end
			owner = me
		end
		depth = depth + 1
		return leave(xpcall(f, debug.traceback, ...))
	end
end

skynet.queue = new_queue
return new_queue
