-- The example node's start service: a key-value store, two clients, a timer, then a clean stop.
local skynet = require "skynet"
require "skynet.manager"

skynet.start(function()
	local store = skynet.newservice("kvstore")
	print("kvstore started at " .. skynet.address(store))

	skynet.call(store, "lua", "SET", "greeting", "hello from skynetj")
	print("GET greeting -> " .. skynet.call(store, "lua", "GET", "greeting"))

	skynet.newservice("kvclient", store, "apples", 1000)
	skynet.newservice("kvclient", store, "pears", 500)

	skynet.call(store, "lua", "EXPIRE", "greeting", 20)
	local t0 = skynet.now()
	skynet.sleep(30)
	print(string.format("after %d cs: greeting = %s", skynet.now() - t0, tostring(skynet.call(store, "lua", "GET", "greeting"))))
	print("keys: " .. table.concat(skynet.call(store, "lua", "KEYS"), ", "))
	print("example done")
	skynet.abort()
end)
