-- Starts the watchdog, which starts the gate; the gate listens on gate_address:gate_port.
local skynet = require "skynet"

skynet.start(function()
	local watchdog = skynet.newservice("echo_watchdog")
	local address, port = skynet.call(watchdog, "lua", "start", {
		address = skynet.getenv("gate_address") or "127.0.0.1",
		port = tonumber(skynet.getenv("gate_port")) or 8888,
		maxclient = 64,
		nodelay = true,
	})
	print(string.format("echo gate listening on %s:%d", address, port))
end)
