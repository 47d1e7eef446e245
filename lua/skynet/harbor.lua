-- require "skynet.harbor": skynet's global names and harbor links, for a standalone node.
-- skynetj nodes are standalone (harbor 0, as skynet with `harbor = 0` and its cdummy service):
-- global names live in this node, there is no master and no other harbor. Multi-node setups use
-- skynet.cluster instead.
local skynet = require "skynet"
local c = require "skynet.core"

local harbor = {}

local function check_name(name)
	assert(type(name) == "string" and string.sub(name, 1, 1) ~= ".", "a global name must be a string without a leading '.'")
	assert(#name < 16, "global name must be shorter than 16 characters")
	assert(tonumber(name) == nil, "global name can't be a number")
end

-- Registers a global name for handle (default: this service); raises if the name is taken.
function harbor.globalname(name, handle)
	check_name(name)
	handle = handle or skynet.self()
	if not c.name(name, handle) then
		error("global name " .. name .. " is already used", 2)
	end
end

-- The address registered under a global name; as in skynet, blocks until someone registers it
-- (checked every 10 cs).
function harbor.queryname(name)
	check_name(name)
	while true do
		local addr = c.localname(name)
		if addr then
			return addr
		end
		skynet.sleep(10)
	end
end

local function never_returns()
	skynet.wait({})
end

-- link(id) blocks while harbor id is connected and returns once it disconnects: this node (0) is
-- never lost, so it blocks forever; any other id is not connected, so it returns at once.
function harbor.link(id)
	if id == 0 then
		never_returns()
	end
end

-- connect(id) blocks until harbor id is connected: this node (0) is; no other harbor ever will be.
function harbor.connect(id)
	if id ~= 0 then
		error("Can't connect to harbor " .. tostring(id) .. ": a standalone node has no other harbor (use skynet.cluster)", 2)
	end
end

-- linkmaster() returns when the link to the master is lost: a standalone node has no master to
-- lose, so it blocks forever.
function harbor.linkmaster()
	never_returns()
end

return harbor
