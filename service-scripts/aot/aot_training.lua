-- The training run behind tools/skynetj's start-up cache (JDK 25's AOT cache, docs/performance.md):
-- what a node does in its first seconds, briefly: start services and kill them, calls (one caller
-- and several), sends, timeouts and sleeps, tables through skynet.pack. The JVM records which classes
-- this loads and links and how hot its methods run, and the next node starts from that.
local skynet = require "skynet"
require "skynet.manager"

local SERVICES, CALLS, SENDS, TIMEOUTS = 300, 20000, 20000, 5000

local function services()
	local list = {}
	for i = 1, SERVICES do
		list[i] = skynet.newservice("aot_peer")
	end
	for i = 1, SERVICES do
		skynet.kill(list[i])
	end
end

local function calls(peer, n)
	for i = 1, n do
		skynet.call(peer, "lua", "echo", i)
	end
end

local function callers(peer)
	local done, me = 0, coroutine.running()
	for _ = 1, 10 do
		skynet.fork(function()
			calls(peer, CALLS / 10)
			done = done + 1
			if done == 10 then skynet.wakeup(me) end
		end)
	end
	skynet.wait(me)
end

-- in batches, each followed by a call: a queue past 1,024 messages logs "May overload"
local BATCH = 500

local function sends(peer)
	for i = 1, SENDS do
		skynet.send(peer, "lua", "count", i)
		if i % BATCH == 0 then skynet.call(peer, "lua", "echo", i) end
	end
	assert(skynet.call(peer, "lua", "counted") == SENDS)
	skynet.call(peer, "lua", "echo", { name = "table", list = { 1, 2.5, "three" }, flag = true })
end

local function timeouts()
	for _ = 1, TIMEOUTS / BATCH do
		local done, me = 0, coroutine.running()
		for _ = 1, BATCH do
			skynet.timeout(0, function()
				done = done + 1
				if done == BATCH then skynet.wakeup(me) end
			end)
		end
		skynet.wait(me)
	end
	for _ = 1, 5 do skynet.sleep(1) end
end

skynet.start(function()
	services()
	local peer = skynet.newservice("aot_peer")
	calls(peer, CALLS)
	callers(peer)
	sends(peer)
	timeouts()
	services()
	skynet.abort()
end)
