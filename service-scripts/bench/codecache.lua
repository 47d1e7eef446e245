-- (e) newservice with a warm code cache vs a cold one (codecache.clear() before each launch, so
-- skynet.lua and the service file are compiled again). N of each, after passes of both repeated
-- untimed for bench_warmup_secs (warm-up).
local skynet = require "skynet"
require "skynet.manager"
local codecache = require "skynet.codecache"
local bench = require "benchlib"

local N = bench.param("bench_cache_services", 300)

local function launches(clear)
	local t0 = skynet.hpc()
	for i = 1, N do
		if clear then
			codecache.clear()
		end
		skynet.kill(skynet.newservice("bench_minimal"))
	end
	return bench.since(t0) * 1e6 / N
end

skynet.start(function()
	bench.warmup(function()
		launches(false)
		launches(true)
	end)
	local warm = launches(false)
	local cold = launches(true)
	bench.report("newservice_cache", { { "warm_us", warm }, { "cold_us", cold }, { "cold_over_warm", cold / warm } })
	skynet.abort()
end)
