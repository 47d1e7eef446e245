-- require "skynet.upgrade": long-lived services that can be replaced while they run.
--
-- In the service (optional hooks; without them the service is treated as stateless):
--   upgrade.hooks {
--     version = "v2",                                     -- optional: this code's version (else a hash)
--     snapshot = function() return state end,            -- skynet.pack-able value
--     restore = function(state, from_version) ... end,    -- from_version: what the old code declared
--   }
-- Timers belong to the instance: at hand-over the old instance's sleep/timeout callbacks are
-- dropped. To keep a timer, put what it needs in the snapshot and re-arm it in restore. A new
-- instance's own forks and timer callbacks (made in its start function) wait until its restore
-- succeeded, and never run if the upgrade is rolled back.
--
-- Anywhere:
--   local addr = upgrade.newservice(".name", "service", args...) -- stable address, also by name
--   local ok, report = upgrade.upgrade(".name", { files = {...}, drain_timeout = cs, force = false })
--   local ok, report = upgrade.rollback(".name")                 -- one version back (again: further back)
--   local ok, report = upgrade.rollback(".name", { version = "v1" }) -- back to that earlier version
--   upgrade.list()
local c = require "skynet.core"
local core = require "skynet.upgrade.core"

local upgrade = {}

function upgrade.hooks(h)
	assert(type(h) == "table", "upgrade.hooks needs a table { version = s, snapshot = f, restore = f }")
	assert(h.version == nil or type(h.version) == "string", "upgrade.hooks: version must be a string")
	c.upgrade_hooks(h.snapshot, h.restore, h.version)
end

function upgrade.newservice(name, service, ...)
	local words = { service }
	for i = 1, select("#", ...) do
		words[#words + 1] = tostring((select(i, ...)))
	end
	return core.launch(name, table.concat(words, " "))
end

function upgrade.upgrade(name, opts)
	return core.upgrade(name, opts or {})
end

function upgrade.rollback(name, opts)
	return core.rollback(name, opts or {})
end

function upgrade.list()
	return core.list()
end

return upgrade
