-- Node "game": uses db's key-value store through the cluster, lets db call it back, then stops.
local skynet = require "skynet"
require "skynet.manager"
local cluster = require "skynet.cluster"

skynet.start(function()
	local greeter = skynet.newservice("greeter")
	cluster.open("game") -- db calls back on game's address in clustername.lua

	cluster.call("db", "@kv", "SET", "player:1", "alice")
	print("game: GET player:1 -> " .. cluster.call("db", "@kv", "GET", "player:1"))
	cluster.send("db", "@kv", "INCR", "logins") -- pushes: no reply, delivered in order
	cluster.send("db", "@kv", "INCR", "logins")
	print("game: logins = " .. cluster.call("db", "@kv", "GET", "logins"))

	local kv = cluster.proxy("db@kv") -- a local address standing for the remote service
	print("game: KEYS through a proxy -> " .. table.concat(skynet.call(kv, "lua", "KEYS"), ", "))
	print("game: @kv is " .. skynet.address(cluster.query("db", "kv")) .. " on db")

	local ok, err = pcall(cluster.call, "db", "@nosuch", "GET", "x")
	print("game: an unknown name fails: " .. tostring(err))

	cluster.send("db", "@lobby", "JOIN", "game", "alice") -- db calls our greeter back, then says BYE
	skynet.call(greeter, "lua", "WAIT")
	print("game: done")
	skynet.abort()
end)
