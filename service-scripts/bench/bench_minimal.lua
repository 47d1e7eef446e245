-- The smallest useful service: starts, then waits for messages.
local skynet = require "skynet"

skynet.start(function() end)
