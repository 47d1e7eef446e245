-- Start-up and idle footprint: prints a line as soon as the start service runs (the runner times
-- the process up to it), then the process RSS after one idle second.
local skynet = require "skynet"
require "skynet.manager"
local bench = require "benchlib"

skynet.start(function()
	bench.report("startup", { { "now_cs", skynet.now() } })
	skynet.sleep(100)
	bench.report("idle", { { "rss_mb", bench.rss_kb() / 1024 } })
	skynet.abort()
end)
