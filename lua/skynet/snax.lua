-- require "skynet.snax": skynet's snax services. A snax service file (found through the `snax`
-- config path, else `luaservice`) defines `function init(...)`, `function exit(...)`,
-- `function response.name(...)` (answered requests: obj.req.name(...)) and
-- `function accept.name(...)` (one-way: obj.post.name(...)); snaxd hosts it. snax.hotfix patches a
-- running service: functions of the patch replace those of the same name, and the patch's upvalues
-- join the service's upvalues of the same name.
-- As skynet, methods travel as the ids snax.interface gives them (the message is
-- (id, args...)), so callers and services interoperate with skynet's snax; a method the service
-- file does not define raises when it is looked up ("request name:method no exist").
local skynet = require "skynet"

local snax = {}

skynet.register_protocol {
	name = "snax",
	id = skynet.PTYPE_SNAX,
	pack = skynet.pack,
	unpack = skynet.unpack,
}

-- snax.interface(name): the method ids skynet gives the service file's functions,
-- { name =, system = { init = 1, exit = 2, hotfix = 3, profile = 4 }, accept = { m = id }, response = { m = id } }
-- (what a req/post/system message carries in place of the method). The globals the file sees
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
	return skynet.call(obj.handle, "snax", snax.interface(obj.type).system.profile)
end

-- obj.req.m / obj.post.m: a function sending method m's id with the arguments
local function method_table(interface, group, what, send)
	local ids = interface[group]
	return setmetatable({}, {
		__index = function(t, method)
			local id = ids[method]
			if not id then
				error(string.format("%s %s:%s no exist", what, interface.name, method))
			end
			local f = function(...)
				return send(id, ...)
			end
			t[method] = f
			return f
		end,
	})
end

local meta = { __tostring = function(obj) return string.format("[%s:%x]", obj.type, obj.handle) end }

-- The object for a running snax service: obj.req.m(...) calls, obj.post.m(...) sends.
function snax.bind(handle, type)
	local interface = snax.interface(type)
	return setmetatable({
		handle = handle,
		type = type,
		req = method_table(interface, "response", "request", function(id, ...)
			return skynet.call(handle, "snax", id, ...)
		end),
		post = method_table(interface, "accept", "post", function(id, ...)
			skynet.send(handle, "snax", id, ...)
		end),
	}, meta)
end

-- Starts a snax service and runs its init(...); returns its handle.
function snax.rawnewservice(name, ...)
	local handle = skynet.newservice("snaxd", name)
	skynet.call(handle, "snax", snax.interface(name).system.init, ...)
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
	skynet.call(obj.handle, "snax", snax.interface(obj.type).system.exit, ...)
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
	return skynet.call(obj.handle, "snax", snax.interface(obj.type).system.hotfix, source, ...)
end

function snax.printf(fmt, ...)
	skynet.error(string.format(fmt, ...))
end

return snax
