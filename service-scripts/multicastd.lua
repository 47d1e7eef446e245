-- multicastd: the channels of require "skynet.multicast" on this node.
-- Channel ids are harbor-local as in skynet (low 8 bits = harbor id, step 256); a skynetj node is
-- standalone, so every channel is local (no cross-harbor channels).
local skynet = require "skynet"

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

-- the publisher stays the source of what subscribers receive; one string serves every subscriber
function command.PUB(source, id, msg)
	local subscribers = channels[id]
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
