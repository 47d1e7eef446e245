-- require "skynet.sharedata": named read-only tables shared by every service of the node.
-- The node keeps ONE frozen copy of each (skynet.sharedata.store, in Java, plays sharedatad's role);
-- query returns a view of it that reads that copy, follows updates by itself and refuses writes.
local store = require "skynet.sharedata.store"
local data = require "skynet.sharedata.source"

local sharedata = {}

-- new(name, value, ...): value is a table, Lua source returning a table (or defining globals),
-- "@filename" for such a file, or nil for {}; the extra arguments go to the source.
function sharedata.new(name, value, ...)
	store.new(name, data.build(name, value, ...))
end

function sharedata.update(name, value, ...)
	store.update(name, data.build(name, value, ...))
end

function sharedata.delete(name)
	store.delete(name)
end

function sharedata.query(name)
	return store.query(name)
end

-- deepcopy(name, key...): an ordinary table (of this service) copied from name[key1][key2]...
function sharedata.deepcopy(name, ...)
	return store.deepcopy(name, ...)
end

function sharedata.flush()
	store.flush()
end

return sharedata
