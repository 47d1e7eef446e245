-- require "skynet.multicast": publish/subscribe channels kept by the multicastd service.
-- A published message is packed once; multicastd hands the same bytes to every subscriber, in
-- publish order, as a PTYPE_MULTICAST message whose session field is the channel id.
local skynet = require "skynet"

local multicast = {}
local multicastd
local subscriptions = {} -- channel id -> this service's subscribed channel object

local channel = {}
local channel_meta = {
	__index = channel,
	__tostring = function(self)
		return string.format("[Multicast:%x]", self.channel)
	end,
}

-- new{ channel = id (nil: a new channel), pack = f, unpack = f, dispatch = function(chan, source, ...) }
function multicast.new(conf)
	assert(multicastd, "Init first")
	conf = conf or {}
	local id = conf.channel
	if id == nil then
		id = skynet.call(multicastd, "lua", "NEW")
	end
	return setmetatable({
		channel = id,
		__pack = conf.pack or skynet.pack,
		__unpack = conf.unpack or skynet.unpack,
		__dispatch = conf.dispatch,
	}, channel_meta)
end

function channel:publish(...)
	local id = assert(self.channel)
	-- a call, so that the next publish from this service is queued behind this one
	skynet.call(multicastd, "lua", "PUB", id, skynet.tostring(self.__pack(...)))
end

function channel:subscribe()
	local id = assert(self.channel)
	if self.__subscribe then return end
	skynet.call(multicastd, "lua", "SUB", id)
	self.__subscribe = true
	subscriptions[id] = self
end

function channel:unsubscribe()
	if not self.__subscribe then return end
	local id = assert(self.channel)
	skynet.send(multicastd, "lua", "USUB", id)
	self.__subscribe = nil
	subscriptions[id] = nil
end

function channel:delete()
	local id = assert(self.channel)
	skynet.send(multicastd, "lua", "DEL", id)
	self.channel = nil
	self.__subscribe = nil
end

local function deliver(id, source, msg, sz)
	skynet.ignoreret() -- the session field is the channel, not a request
	local self = subscriptions[id]
	-- a message already on its way when this service unsubscribed is dropped
	if not self or not self.__subscribe then return end
	local ok, err = pcall(self.__dispatch, self, source, self.__unpack(msg, sz))
	assert(ok, err)
end

skynet.init(function()
	multicastd = skynet.uniqueservice "multicastd"
	skynet.register_protocol {
		name = "multicast",
		id = skynet.PTYPE_MULTICAST,
		unpack = function(msg, sz) return msg, sz end,
		dispatch = deliver,
	}
end)

return multicast
