-- Node "db": a key-value store (../kvstore.lua) and a lobby that other nodes reach through the cluster.
local skynet = require "skynet"
local cluster = require "skynet.cluster"

skynet.start(function()
	local store = skynet.newservice("kvstore")
	cluster.register("kv", store) -- other nodes call it as "@kv"
	skynet.newservice("lobby")
	cluster.open("db") -- listen on db's address in clustername.lua
	print("db: ready, kvstore is @kv, lobby is @lobby (Ctrl-C to stop)")
end)
