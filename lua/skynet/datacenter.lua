-- require "skynet.datacenter": the node-wide key tree kept by the datacenterd service (global name
-- DATACENTER, started by bootstrap). Keys form a path: set("a", "b", 1) then get("a", "b") == 1.
local skynet = require "skynet"

local datacenter = {}

-- The value at the path, or nil.
function datacenter.get(...)
	return skynet.call("DATACENTER", "lua", "QUERY", ...)
end

-- set(k1, ..., kn, value): stores value at the path (creating branches) and returns the old value.
function datacenter.set(...)
	return skynet.call("DATACENTER", "lua", "UPDATE", ...)
end

-- Like get, but blocks until the value is not nil. Wait for leaves: if a value is set below the
-- waited path (making it a branch) the wait raises "call failed".
function datacenter.wait(...)
	return skynet.call("DATACENTER", "lua", "WAIT", ...)
end

return datacenter
