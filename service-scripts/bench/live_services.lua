-- RSS growth over N live services (default 10,000) in a fresh node: process RSS after a full
-- collection, before and after starting them (they stay alive, idle). A full collection on skynet is
-- one per Lua VM, so with bench_collect_each = 1 (tools/bench sets it for skynet) every live service
-- collects its own VM first; on skynetj all services share the JVM heap, and this service's
-- collectgarbage("collect") collects all of it (System.gc()).
local skynet = require "skynet"
require "skynet.manager"
local bench = require "benchlib"

local N = bench.param("bench_live_services", 10000)
local EACH = bench.param("bench_collect_each", 0) == 1

local function full_collection(list)
	if EACH then
		for i = 1, #list do
			skynet.call(list[i], "lua", "collect")
		end
	end
	bench.heap_kb()
	return bench.rss_kb()
end

skynet.start(function()
	local list = {}
	local rss0 = full_collection(list)
	local t0 = skynet.hpc()
	for i = 1, N do
		list[i] = skynet.newservice("bench_collector")
	end
	local secs = bench.since(t0)
	local rss1 = full_collection(list)
	bench.report("live_services", { { "services", N }, { "rss_grow_mb", (rss1 - rss0) / 1024 },
		{ "rss_kb_each", (rss1 - rss0) / N }, { "start_secs", secs } })
	skynet.abort()
end)
