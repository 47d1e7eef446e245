-- require "skynet.debug": extra debug-protocol commands of this service.
-- reg_debugcmd(name, f): a PTYPE_DEBUG request `name` (console `dbgcmd`, skynet.call(addr, "debug",
-- name, ...)) runs f(...); f replies itself (skynet.retpack), as skynet's built-in commands do.
local debug = {}

local commands = {}

function debug.reg_debugcmd(name, fn)
	assert(type(name) == "string" and type(fn) == "function", "reg_debugcmd needs a name and a function")
	commands[name] = fn
end

-- The function registered for name, or nil (used by skynet.lua's debug dispatch).
function debug.command(name)
	return commands[name]
end

return debug
