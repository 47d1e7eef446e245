-- skynet.datacenter across services: a waiter started before the value is set gets it.
local skynet = require "skynet"
local service = require "skynet.service"
local datacenter = require "skynet.datacenter"
local check = require "check"

local function waiter()
	local skynet = require "skynet"
	local datacenter = require "skynet.datacenter"
	skynet.start(function()
		skynet.dispatch("lua", function(_, _, ...)
			skynet.retpack(datacenter.wait(...))
		end)
	end)
end

skynet.start(function()
	local w = service.new("dcwaiter", waiter)
	local got
	skynet.fork(function() got = skynet.call(w, "lua", "config", "port") end)
	skynet.sleep(5)
	check.eq("still waiting", got, nil)
	datacenter.set("config", "port", 8888)
	skynet.sleep(5)
	check.eq("waiter woke with the value", got, 8888)
	check.eq("get", datacenter.get("config", "port"), 8888)
	print("DONE")
end)
