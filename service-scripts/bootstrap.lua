-- The first service: starts the launcher, the data center, the unique-service manager, then the
-- `start` service.
-- If the start service cannot be started the node stops with a non-zero exit code.
local skynet = require "skynet"
require "skynet.manager"
local c = require "skynet.core"

skynet.start(function()
	local launcher = assert(skynet.launch("snlua", "launcher"))
	skynet.name(".launcher", launcher)

	-- a standalone node keeps its data center itself (skynet.datacenter)
	local started, datacenter = pcall(skynet.newservice, "datacenterd")
	if not started then
		skynet.error("can't start datacenterd: " .. tostring(datacenter))
		c.abort(1)
		return
	end
	skynet.name("DATACENTER", datacenter)

	local ok, err = pcall(skynet.newservice, "service_mgr")
	if not ok then
		skynet.error("can't start service_mgr: " .. tostring(err))
		c.abort(1)
		return
	end

	local start = skynet.getenv "start" or "main"
	ok, err = pcall(skynet.newservice, start)
	if not ok then
		skynet.error("start service " .. start .. " failed: " .. tostring(err))
		c.abort(1)
		return
	end
	skynet.exit()
end)
