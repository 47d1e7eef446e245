-- require "skynet.snax": skynet's snax services. A snax service file (found through the `snax`
-- config path, else `luaservice`) defines `function init(...)`, `function exit(...)`,
-- `function response.name(...)` (answered requests: obj.req.name(...)) and
-- `function accept.name(...)` (one-way: obj.post.name(...)); snaxd hosts it. snax.hotfix patches a
-- running service: functions of the patch replace those of the same name, and the patch's upvalues
-- join the service's upvalues of the same name.
-- Unlike skynet, methods are sent by name: calling a method the service lacks fails at the call
-- (call failed, logged by the service) rather than when the method is looked up.
local skynet = require "skynet"

local snax = {}

skynet.register_protocol {
	name = "snax",
	id = skynet.PTYPE_SNAX,
	pack = skynet.pack,
	unpack = skynet.unpack,
}

local function method_table(call)
	return setmetatable({}, {
		__index = function(t, method)
			local f = function(...)
				return call(method, ...)
			end
			t[method] = f
			return f
		end,
	})
end

-- snax.interface(name): the method ids skynet gives the service file's functions,
-- { name =, system = { init = 1, exit = 2, hotfix = 3, profile = 4 }, accept = { m = id }, response = { m = id } }
-- (skynetj sends methods by name; the ids are for code that reads them). The globals the file sees
-- while it is listed are the module named by config snax_interface_g, else a table with a no-op require.
local interfaces = {}
function snax.interface(name)
	local t = interfaces[name]
	if t then
		return t
	end
	local globals_module = skynet.getenv("snax_interface_g")
	local G = globals_module and require(globals_module) or { require = function() end }
	t = { name = name, system = {}, accept = {}, response = {} }
	for _, v in ipairs((require "snax.interface")(name, G)) do
		t[v[2]][v[3]] = v[1]
	end
	interfaces[name] = t
	return t
end

-- Per method of a snax service: { count =, time = seconds } (its debug INFO too).
function snax.profile_info(obj)
	return skynet.call(obj.handle, "snax", "sys", "profile")
end

-- The object for a running snax service: obj.req.m(...) calls, obj.post.m(...) sends.
function snax.bind(handle, type)
	local obj = { handle = handle, type = type }
	obj.req = method_table(function(method, ...)
		return skynet.call(handle, "snax", "req", method, ...)
	end)
	obj.post = method_table(function(method, ...)
		skynet.send(handle, "snax", "post", method, ...)
	end)
	return obj
end

-- Starts a snax service and runs its init(...); returns its handle.
function snax.rawnewservice(name, ...)
	local handle = skynet.newservice("snaxd", name)
	skynet.call(handle, "snax", "sys", "init", ...)
	return handle
end

function snax.newservice(name, ...)
	return snax.bind(snax.rawnewservice(name, ...), name)
end

-- One instance per node and name (through .service), started on first use.
function snax.uniqueservice(name, ...)
	return snax.bind(assert(skynet.call(".service", "lua", "LAUNCH", "snaxd", name, ...)), name)
end

-- The unique instance of name; blocks until someone starts it.
function snax.queryservice(name)
	return snax.bind(assert(skynet.call(".service", "lua", "QUERY", "snaxd", name)), name)
end

-- A standalone node keeps global services locally.
snax.globalservice = snax.uniqueservice
snax.queryglobal = snax.queryservice

-- Runs the service's exit(...) and ends it.
function snax.kill(obj, ...)
	skynet.call(obj.handle, "snax", "sys", "exit", ...)
end

-- Inside a snax service: its own object, and a way to end it.
function snax.self()
	return snax.bind(skynet.self(), snax.service_name)
end

function snax.exit(...)
	snax.kill(snax.self(), ...)
end

-- Applies the patch source to a running service; returns what the patch's hotfix(...) returns.
function snax.hotfix(obj, source, ...)
	return skynet.call(obj.handle, "snax", "sys", "hotfix", source, ...)
end

function snax.printf(fmt, ...)
	skynet.error(string.format(fmt, ...))
end

return snax
