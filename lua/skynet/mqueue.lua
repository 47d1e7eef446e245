-- require "skynet.mqueue" (deprecated in skynet in favour of skynet.queue): messages of the "queue"
-- protocol are handled one at a time, in arrival order, by the function given to register.
local skynet = require "skynet"

local mqueue = {}
local pending = {} -- { session =, source =, n =, ... arguments }
local waiting      -- the worker coroutine while the queue is empty
local registered

skynet.register_protocol {
	name = "queue",
	id = skynet.PTYPE_QUEUE,
	pack = skynet.pack,
	unpack = skynet.unpack,
	dispatch = function(session, source, ...)
		-- a call is answered later, by the worker
		local respond = session ~= 0 and skynet.response() or nil
		pending[#pending + 1] = { respond = respond, source = source, n = select("#", ...), ... }
		if waiting then
			local co = waiting
			waiting = nil
			skynet.wakeup(co)
		end
	end,
}

local function work(f)
	while true do
		local m = table.remove(pending, 1)
		if m == nil then
			waiting = coroutine.running()
			skynet.wait()
		elseif not m.respond then
			local ok, result = pcall(f, table.unpack(m, 1, m.n))
			if not ok or result then
				skynet.fork(work, f) -- the worker carries on in a new coroutine; this one reports
				if ok then
					error(string.format("[:%x] send a message to [:%x] return something", m.source, skynet.self()))
				end
				error(string.format("[:%x] send a message to [:%x] throw an error : %s", m.source, skynet.self(), result))
			end
		else
			-- the caller gets pcall's results: mqueue.call raises the error on its side
			m.respond(true, pcall(f, table.unpack(m, 1, m.n)))
		end
	end
end

function mqueue.register(f)
	assert(not registered, "mqueue.register called twice")
	registered = true
	skynet.fork(work, f)
end

local function raise_unless(ok, ...)
	if ok then return ... end
	error(...)
end

function mqueue.call(addr, ...)
	return raise_unless(skynet.call(addr, "queue", ...))
end

function mqueue.send(addr, ...)
	return skynet.send(addr, "queue", ...)
end

function mqueue.size()
	return #pending
end

return mqueue
