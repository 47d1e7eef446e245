-- Hosts one snax service (see lua/skynet/snax.lua): loads <name>.lua from the `snax` path (else
-- `luaservice`) with `response` and `accept` tables in its environment and serves the snax protocol
-- as skynet's snaxd: (id, ...) where id is the method's number in snax.interface(name): a system
-- command (init, exit, hotfix, profile), a response method (answered) or an accept method (not).
local skynet = require "skynet"
local snax = require "skynet.snax"
local profile = require "skynet.profile"

local name = ...
snax.service_name = name

local response, accept = {}, {}
local env = setmetatable({ response = response, accept = accept }, { __index = _ENV })

local path = skynet.getenv("snax") or skynet.getenv("luaservice")
local filename = assert(package.searchpath(name, path))
local main = assert(loadfile(filename, "bt", env))
main()

-- Every upvalue of the service's functions, by name (the first seen wins): what a patch joins.
local function upvalues()
	local found = {}
	local function collect(f)
		local i = 1
		while true do
			local uname = debug.getupvalue(f, i)
			if uname == nil then
				break
			end
			if uname ~= "_ENV" and found[uname] == nil then
				found[uname] = { f = f, i = i }
			end
			i = i + 1
		end
	end
	for _, t in ipairs { response, accept } do
		for _, f in pairs(t) do
			collect(f)
		end
	end
	for _, k in ipairs { "init", "exit" } do
		if type(rawget(env, k)) == "function" then
			collect(rawget(env, k))
		end
	end
	return found
end

-- A patch is a chunk like a service file: its response/accept functions replace the service's, its
-- locals named like the service's upvalues share them, and its hotfix(...) (if any) is called.
local function hotfix(source, ...)
	local presponse, paccept = {}, {}
	local penv = setmetatable({ response = presponse, accept = paccept }, { __index = env })
	local patch, err = load(source, "=hotfix", "t", penv)
	if not patch then
		error("snax hotfix of " .. name .. ": " .. err)
	end
	local old = upvalues()
	local function join(f)
		local i = 1
		while true do
			local uname = debug.getupvalue(f, i)
			if uname == nil then
				break
			end
			local o = old[uname]
			if o then
				debug.upvaluejoin(f, i, o.f, o.i)
			end
			i = i + 1
		end
	end
	patch()
	for k, f in pairs(presponse) do
		join(f)
		response[k] = f
	end
	for k, f in pairs(paccept) do
		join(f)
		accept[k] = f
	end
	local fix = rawget(penv, "hotfix")
	if fix then
		join(fix)
		return fix(...)
	end
end

local function call(t, kind, method, ...)
	local f = t[method]
	if not f then
		error(string.format("snax %s has no %s method %s", name, kind, tostring(method)))
	end
	return f(...)
end

-- per method: calls and running seconds (skynet's snax profile: debug INFO and the "profile" command)
local profile_table = {}

local function timed(method, f, ...)
	profile.start()
	local ok, err = xpcall(f, debug.traceback, ...)
	local t = profile_table[method]
	if t == nil then
		t = { count = 0, time = 0 }
		profile_table[method] = t
	end
	t.count = t.count + 1
	t.time = t.time + profile.stop()
	if not ok then
		error(err, 0)
	end
end

-- method id -> { group, method name } (skynet's numbering, the one callers use)
local methods = {}
for group, ids in pairs(snax.interface(name)) do
	if type(ids) == "table" then
		for method, id in pairs(ids) do
			methods[id] = { group, method }
		end
	end
end

local function dispatch(session, source, id, ...)
	local m = methods[id]
	if not m then
		error(string.format("snax %s: no method with id %s", name, tostring(id)))
	end
	local kind, method = m[1], m[2]
	if kind == "response" then
		timed(method, function(...) skynet.retpack(call(response, "response", method, ...)) end, ...)
	elseif kind == "accept" then
		timed(method, call, accept, "accept", method, ...)
	elseif method == "profile" then
		skynet.retpack(profile_table)
	elseif method == "init" then
		local init = rawget(env, "init")
		if init then
			init(...)
		end
		skynet.ret()
		skynet.info_func(function()
			return profile_table
		end)
	elseif method == "exit" then
		local exit = rawget(env, "exit")
		if exit then
			exit(...)
		end
		skynet.ret()
		skynet.exit()
	elseif method == "hotfix" then
		skynet.retpack(hotfix(...))
	else
		error("snax " .. name .. ": unknown system command " .. tostring(method))
	end
end

-- skynet's snax.enablecluster: requests through a cluster proxy arrive as "lua" messages
function snax.enablecluster()
	skynet.dispatch("lua", dispatch)
end

skynet.start(function()
	skynet.dispatch("snax", dispatch)
end)
