-- require "skynet.sharetable": read-only tables loaded once per node and read by every service
-- from that one copy (skynet.sharetable.store, in Java). A queried table keeps the version it got
-- until this service calls sharetable.update(name).
local store = require "skynet.sharetable.store"
local source = require "skynet.sharedata.source"

local sharetable = {}

-- loadfile(filename, ...): the file's returned table (or its globals), run with the arguments
function sharetable.loadfile(filename, ...)
	store.load(filename, source.run(filename, "@" .. filename, ...))
end

function sharetable.loadstring(name, text, ...)
	store.load(name, source.run(name, text, ...))
end

function sharetable.loadtable(name, tbl)
	assert(type(tbl) == "table")
	store.load(name, tbl)
end

function sharetable.query(name)
	return store.query(name)
end

-- queryall({ name, ... }) or queryall(): { [name] = table } of those loaded
function sharetable.queryall(names)
	local all = {}
	for _, name in ipairs(names or store.names()) do
		all[name] = store.query(name)
	end
	return all
end

function sharetable.update(...)
	store.update(...)
end

return sharetable
