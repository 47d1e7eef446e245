-- multicastd: the channels of require "skynet.multicast" on this node.
-- Channel ids are harbor-local as in skynet (low 8 bits = harbor id, step 256); a skynetj node is
-- standalone, so every channel is local (no cross-harbor channels). It serves skynetj's
-- skynet.multicast (a publish carries the message as a string) and skynet's own multicast.lua (a
-- publish carries a pointer made by skynet.multicast.core, as skynet's multicastd expects).
local skynet = require "skynet"
local mc = require "skynet.multicast.core"

local harbor = skynet.harbor(skynet.self())
local next_id = harbor
local channels = {} -- id -> { [subscriber address] = true }

local command = {}

function command.NEW()
	while channels[next_id] do
		next_id = next_id + 256
	end
	local id = next_id
	channels[id] = {}
	next_id = next_id + 256
	return id
end

function command.DEL(_, id)
	channels[id] = nil
end

function command.SUB(source, id)
	local subscribers = channels[id]
	if subscribers then subscribers[source] = true end
end

function command.USUB(source, id)
	local subscribers = channels[id]
	if subscribers then subscribers[source] = nil end
end

-- skynet's own multicast.lua publishes a pointer to a package (skynet.multicast.core): every
-- subscriber gets the package's address and closes it once, the last close frees it
local function publish_package(source, id, subscribers, pack, size)
	local n = 0
	for _ in pairs(subscribers or {}) do
		n = n + 1
	end
	if n == 0 then
		mc.close(mc.bind(pack, 1))
		return
	end
	local msg = skynet.tostring(pack, size)
	mc.bind(pack, n)
	for address in pairs(subscribers) do
		skynet.redirect(address, source, "multicast", id, msg)
	end
end

-- the publisher stays the source of what subscribers receive; one string serves every subscriber
function command.PUB(source, id, msg, size)
	local subscribers = channels[id]
	if type(msg) == "userdata" then
		return publish_package(source, id, subscribers, msg, size)
	end
	if not subscribers then return end
	for address in pairs(subscribers) do
		skynet.redirect(address, source, "multicast", id, msg)
	end
end

local replies = { NEW = true, SUB = true, PUB = true }

skynet.register_protocol { name = "multicast", id = skynet.PTYPE_MULTICAST }

skynet.start(function()
	skynet.dispatch("lua", function(_, source, cmd, ...)
		local f = assert(command[cmd], cmd)
		local result = f(source, ...)
		if replies[cmd] then
			skynet.ret(skynet.pack(result))
		end
	end)
end)
