-- The first service: starts the launcher, the unique-service manager, then the `start` service.
-- If the start service cannot be started the node stops with a non-zero exit code.
local skynet = require "skynet"
require "skynet.manager"
local c = require "skynet.core"

skynet.start(function()
	local launcher = assert(skynet.launch("snlua", "launcher"))
	skynet.name(".launcher", launcher)

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
