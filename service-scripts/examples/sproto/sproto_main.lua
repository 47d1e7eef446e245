-- sproto example: a key/value server speaking sproto over TCP (2-byte big-endian length, then a
-- packed sproto packet). Run from the repository root:
--   tools/skynetj run service-scripts/examples/sproto/config
local skynet = require "skynet"
local sprotoloader = require "sprotoloader"
local proto = require "proto"

skynet.start(function()
	-- parse once; every service loads the schemas from sproto.core's slots
	sprotoloader.save(proto.c2s, 1)
	sprotoloader.save(proto.s2c, 2)
	local server = skynet.newservice("sproto_server")
	local addr, port = skynet.call(server, "lua", "listen", skynet.getenv("sproto_address") or "127.0.0.1",
		tonumber(skynet.getenv("sproto_port") or 8888))
	skynet.error("sproto server listening on " .. addr .. ":" .. port)
end)
