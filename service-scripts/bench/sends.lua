-- (b) N one-way sends of one integer to a counter, then one call that returns the count:
-- end-to-end messages per second and how much the process grew (the counter's mailbox fills up
-- while the sender outruns it: measured from before the warm-up). Passes of N/5 sends are repeated
-- untimed for bench_warmup_secs first (warm-up); then 3 timed passes (bench_passes), the median
-- reported. The RSS growth is from before the warm-up to after the last pass.
local skynet = require "skynet"
require "skynet.manager"
local bench = require "benchlib"

local N = bench.param("bench_sends", 1000000)

local function run(counter, n)
	local before = skynet.call(counter, "lua")
	for i = 1, n do
		skynet.send(counter, "lua", 1)
	end
	local after = skynet.call(counter, "lua")
	assert(after - before == n, "counter lost messages")
end

skynet.start(function()
	local counter = skynet.newservice("bench_counter")
	local rss0, hwm0 = bench.rss_kb(), bench.status_kb("VmHWM")
	local cold = bench.warmup(function() run(counter, N / 5) end)

	local secs, cpu = bench.timed(function() run(counter, N) end, 3)
	local rss1, hwm1 = bench.rss_kb(), bench.status_kb("VmHWM")
	bench.report("send", { { "msgs", N }, { "secs", secs }, { "rate", N / secs }, { "cpu_us_each", cpu * 1e6 / N },
		{ "rss_grow_mb", (rss1 - rss0) / 1024 }, { "peak_grow_mb", (hwm1 - hwm0) / 1024 },
		{ "cold_rate", N / 5 / cold } })
	skynet.abort()
end)
