-- Start service of the console example: a named key-value store that keeps running, so it can be
-- inspected and patched from the console (see console_config and patch_kvstore_get.lua).
local skynet = require "skynet"
require "skynet.manager"

skynet.start(function()
	local store = skynet.newservice("kvstore")
	skynet.name(".kvstore", store)
	skynet.call(store, "lua", "SET", "greeting", "hello from skynetj")
	skynet.error("kvstore running at " .. skynet.address(store) .. " as .kvstore")
end)
