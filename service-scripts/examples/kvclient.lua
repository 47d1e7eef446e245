-- A client of kvstore: one-way INCRs (delivered in order), calls, and an expiring key.
local skynet = require "skynet"
local store, name, count = ...
store, count = tonumber(store), tonumber(count) -- arguments arrive as strings, as in skynet

skynet.start(function()
	for _ = 1, count do
		skynet.send(store, "lua", "INCR", name)
	end
	-- a call after the sends sees all of them: messages between two services keep their order
	print(string.format("client %s: %s = %d after %d sends", name, name, skynet.call(store, "lua", "GET", name), count))
end)
