-- require "skynet.manager": adds service management functions to the skynet table.
local skynet = require "skynet"
local c = require "skynet.core"

-- Starts a service directly, not through the launcher ("snlua name args..."); returns its address or nil.
function skynet.launch(kind, ...)
	local cmd = table.concat({ ... }, " ")
	if kind ~= "snlua" then
		skynet.error("skynet.launch: only Lua services (snlua) exist in skynetj, not " .. tostring(kind))
		return nil
	end
	local addr, err = c.launch(cmd)
	if not addr then
		skynet.error(err)
	end
	return addr
end

function skynet.kill(name)
	if type(name) == "number" then
		skynet.send(".launcher", "lua", "REMOVE", name, true)
	end
	c.kill(name)
end

function skynet.abort()
	c.abort()
end

local function check_global_name(name)
	assert(#name < 16, "global name must be shorter than 16 characters")
	assert(tonumber(name) == nil, "global name can't be a number")
end

function skynet.register(name)
	skynet.name(name, skynet.self())
end

function skynet.name(name, handle)
	if string.sub(name, 1, 1) ~= "." then
		check_global_name(name)
	end
	if not c.name(name, handle) then
		error("name " .. name .. " is already used", 2)
	end
end

return skynet
