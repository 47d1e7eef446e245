-- sprotoloader for skynetj: schemas parsed once and kept in sproto.core's numbered slots, so that
-- every service of the node can load them without parsing (same API as skynet's).
local core = require "sproto.core"
local sproto = require "sproto"

local loader = {}

function loader.register(filename, index)
	local f = assert(io.open(filename), "Can't open sproto file")
	local text = f:read "*a"
	f:close()
	core.saveproto(core.newproto(require("sprotoparser").parse(text)), index)
end

function loader.save(bin, index)
	core.saveproto(core.newproto(bin), index)
end

function loader.load(index)
	return sproto.sharenew(core.loadproto(index))
end

return loader
