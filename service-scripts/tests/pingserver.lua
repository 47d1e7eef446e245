-- A snax service (used by testsnax): counts hellos, answers pings.
local skynet = require "skynet"
local i = 0
local hello = "hello"

function response.ping(v)
	skynet.sleep(1)
	return hello .. " " .. v
end

function accept.hello()
	i = i + 1
end

function response.count()
	return i
end

function init(...)
	skynet.error("ping server start:", ...)
end

function exit(...)
	skynet.error("ping server exit:", ...)
end
