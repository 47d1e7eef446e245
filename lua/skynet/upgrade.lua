-- require "skynet.upgrade": long-lived services that can be replaced while they run.
--
-- In the service (optional hooks; without them the service is treated as stateless):
--   upgrade.hooks {
--     snapshot = function() return state end,            -- skynet.pack-able value
--     restore = function(state, from_version) ... end,    -- migrate old state shapes here
--   }
-- Timers belong to the instance: at hand-over the old instance's sleep/timeout callbacks are
-- dropped. To keep a timer, put what it needs in the snapshot and re-arm it in restore.
--
-- Anywhere:
--   local addr = upgrade.newservice(".name", "service", args...) -- stable address, also by name
--   local ok, report = upgrade.upgrade(".name", { files = {...}, drain_timeout = cs, force = false })
--   local ok, report = upgrade.rollback(".name")                 -- back to the previous version
--   upgrade.list()
local c = require "skynet.core"
local core = require "skynet.upgrade.core"

local upgrade = {}

function upgrade.hooks(h)
	assert(type(h) == "table", "upgrade.hooks needs a table { snapshot = f, restore = f }")
	c.upgrade_hooks(h.snapshot, h.restore)
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
