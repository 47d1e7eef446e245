-- One service of skynet.service: runs the main function service_provider hands it ("init", code,
-- args...). The main function's skynet.start runs at once, so the service is ready when init returns.
local skynet = require "skynet"
local name = ...

skynet.start(function()
	skynet.dispatch("lua", function(session, source, cmd, code, ...)
		assert(cmd == "init", "service_cell " .. name .. " expects init, got " .. tostring(cmd))
		local start_func
		local start = skynet.start
		skynet.start = function(f) start_func = f end
		local main = assert(load(code, "=" .. name, "b"))
		skynet.dispatch("lua", function()
			error("service " .. name .. " has no lua dispatch function")
		end)
		main(...)
		skynet.start = start
		if start_func then
			start_func()
		end
		skynet.ret()
	end)
end)
