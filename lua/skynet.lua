-- skynet's Lua API on skynetj. Scheduling, sessions and replies live in the Java kernel
-- (skynet.core); this module keeps skynet's protocol table and dispatch so services, inject's
-- _U/_P and debug tools see the shapes they expect.
local c = require "skynet.core"
local tostring = tostring
local select = select
local type = type
local error = error
local string = string
local table = table

local skynet = c.newtable(0, 128) -- room for the ~100 fields below: no rehash while they are defined
skynet.PTYPE_TEXT = 0
skynet.PTYPE_RESPONSE = 1
skynet.PTYPE_MULTICAST = 2
skynet.PTYPE_CLIENT = 3
skynet.PTYPE_SYSTEM = 4
skynet.PTYPE_HARBOR = 5
skynet.PTYPE_SOCKET = 6
skynet.PTYPE_ERROR = 7
skynet.PTYPE_QUEUE = 8
skynet.PTYPE_DEBUG = 9
skynet.PTYPE_LUA = 10
skynet.PTYPE_SNAX = 11
skynet.PTYPE_TRACE = 12

local proto = {}
skynet._proto = proto

function skynet.register_protocol(class)
	local name = class.name
	local id = class.id
	assert(type(name) == "string" and type(id) == "number" and id >= 0 and id <= 255,
		"protocol needs a string name and an id in 0..255")
	assert(proto[name] == nil and proto[id] == nil, "protocol " .. tostring(name) .. " (" .. tostring(id) .. ") already registered")
	proto[name] = class
	proto[id] = class
end

local function protocol(typename)
	local p = proto[typename]
	if p == nil then
		error("unknown protocol " .. tostring(typename), 3)
	end
	return p
end

-- addresses, names, environment ------------------------------------------------------------

function skynet.self()
	return c.self()
end

function skynet.address(addr)
	if type(addr) == "number" then
		return string.format(":%08x", addr)
	end
	return tostring(addr)
end

function skynet.localname(name)
	return c.localname(name)
end

function skynet.harbor(addr)
	return 0, false
end

function skynet.getenv(key)
	return c.getenv(key)
end

function skynet.setenv(key, value)
	assert(value ~= nil, "setenv needs a value")
	if not c.setenv(key, tostring(value)) then
		error("Can't setenv exist key : " .. tostring(key), 2)
	end
end

function skynet.error(...)
	local n = select("#", ...)
	local t = {}
	for i = 1, n do
		t[i] = tostring((select(i, ...)))
	end
	c.error(table.concat(t, " "))
end

-- time --------------------------------------------------------------------------------------

skynet.now = c.now
skynet.starttime = c.starttime
skynet.hpc = c.hpc

function skynet.time()
	return c.starttime() + c.now() / 100
end

-- messages ----------------------------------------------------------------------------------

skynet.pack = c.pack
skynet.packstring = c.packstring
skynet.unpack = c.unpack
skynet.tostring = c.tostring
skynet.trash = c.trash
skynet.genid = c.genid

-- skynet.send, skynet.call and skynet.retpack are the hottest paths, so skynet.core runs them without
-- Lua calls; they behave exactly as these Lua versions (errors included):
--   function skynet.send(addr, typename, ...)
--   	local p = protocol(typename)
--   	return c.send(addr, p.id, 0, p.pack(...))
--   end
--   function skynet.call(addr, typename, ...)
--   	local p = protocol(typename)
--   	local msg, sz = check_reply(addr, c.call(addr, p.id, p.pack(...)))
--   	return p.unpack(msg, sz)
--   end
--   function skynet.retpack(...)
--   	return c.ret(c.pack(...))
--   end
skynet.send = c.protosend

function skynet.rawsend(addr, typename, msg, sz)
	local p = protocol(typename)
	return c.send(addr, p.id, 0, msg, sz)
end

local function check_reply(addr, ok, msg, sz)
	if ok == nil then
		error("call to invalid address " .. skynet.address(addr), 3)
	end
	if not ok then
		error("call failed", 3)
	end
	return msg, sz
end

skynet.call = c.protocall

function skynet.rawcall(addr, typename, msg, sz)
	local p = protocol(typename)
	return check_reply(addr, c.call(addr, p.id, msg, sz))
end

function skynet.tracecall(tag, addr, typename, msg, sz)
	c.trace(tag, "tracecall begin")
	c.send(addr, skynet.PTYPE_TRACE, 0, tag)
	local rmsg, rsz = skynet.rawcall(addr, typename, msg, sz)
	c.trace(tag, "tracecall end")
	return rmsg, rsz
end

function skynet.redirect(dest, source, typename, session, msg, sz)
	local p = protocol(typename)
	return c.redirect(dest, source, p.id, session or 0, msg, sz)
end

function skynet.ret(msg, sz)
	return c.ret(msg, sz)
end

skynet.retpack = c.retpack

function skynet.response(pack)
	pack = pack or c.pack
	local r = c.response()
	return function(ok, ...)
		if ok == "TEST" then
			return c.response_valid(r)
		end
		if ok then
			return c.respond(r, true, pack(...))
		end
		return c.respond(r, false)
	end
end

function skynet.ignoreret()
	c.ignoreret()
end

function skynet.context()
	return c.context()
end

function skynet.term(addr)
	c.term(addr)
end

-- skynet.request: a batch of concurrent calls ---------------------------------------------
-- local reqs = skynet.request { addr, "lua", args... } : add { ... }
-- for req, resp in reqs:select([timeout_cs]) do ... end
-- resp is a table of the reply values with field n, or false when that call failed; requests to
-- addresses nobody holds come out first with resp nil; after a timeout req.timeout is true for
-- the batch and iteration stops.

local request_meta = {}
request_meta.__index = request_meta

function skynet.request(obj)
	local batch = setmetatable({}, request_meta)
	if obj then
		return batch:add(obj)
	end
	return batch
end

function request_meta:add(obj)
	assert(type(obj) == "table" and not self._selected, "request:add needs a table, before select")
	self[#self + 1] = obj
	return self
end

request_meta.__call = request_meta.add

function request_meta:close()
	for _, co in pairs(self._pending or {}) do
		c.killthread(co)
	end
	self._pending = nil
end

request_meta.__close = request_meta.close

function request_meta:select(timeout)
	assert(not self._selected, "request:select can be called once")
	self._selected = true
	local ready, head, tail = {}, 1, 0
	local pending, waiting = {}, false
	local me = {}
	local function push(req, resp)
		tail = tail + 1
		ready[tail] = { req, resp }
		if waiting then
			waiting = false
			skynet.wakeup(me)
		end
	end
	local count = 0
	local tag = skynet.tracetag()
	for _, req in ipairs(self) do
		if c.resolve(req[1]) == nil then
			tail = tail + 1
			ready[tail] = { req }
		else
			if tag then
				-- as skynet's send_requests: each request of a traced batch is a call (its replies are
				-- not resumes of the traced coroutine)
				c.trace(tag, "call", 3)
				c.send(req[1], skynet.PTYPE_TRACE, 0, tag)
			end
			count = count + 1
			pending[req] = c.fork(function()
				local r = table.pack(pcall(skynet.call, table.unpack(req, 1, req.n or #req)))
				pending[req] = nil
				if r[1] then
					push(req, table.pack(table.unpack(r, 2, r.n)))
				else
					push(req, false)
				end
			end)
		end
	end
	self._pending = pending
	if timeout then
		skynet.timeout(timeout, function()
			if count > 0 then
				self.timeout = true
				if waiting then
					waiting = false
					skynet.wakeup(me)
				end
			end
		end)
	end
	return function()
		while head > tail do
			if count == 0 or self.timeout then
				self:close()
				return nil
			end
			waiting = true
			skynet.wait(me)
		end
		local item = ready[head]
		ready[head] = nil
		head = head + 1
		if item[2] ~= nil then
			count = count - 1
		end
		return item[1], item[2]
	end
end

-- coroutines and time -----------------------------------------------------------------------

-- fork(func, ...), timeout(ti, func), sleep(ti [, token]), wait([token]), wakeup(token): skynet.core's
-- functions themselves (a Lua wrapper would only add a call)
skynet.fork = c.fork
skynet.timeout = c.timeout
skynet.sleep = c.sleep

function skynet.yield()
	return c.sleep(0)
end

skynet.wait = c.wait
skynet.wakeup = c.wakeup

function skynet.killthread(co)
	return c.killthread(co)
end

function skynet.mqlen()
	return c.mqlen()
end

-- skynet.task() counts suspended coroutines and pending timeouts; task(tbl) fills tbl with
-- "<thread> session: N" -> what it waits for (LuaJ keeps no tracebacks with the debug hooks off, see
-- LuaVm); task(session) describes one session ("No session" if none); task(co) is the session co is
-- blocked on; task("init") describes the start function while it has not returned.
local init_thread

function skynet.task(what)
	if what == nil then
		return c.task_count()
	end
	if what == "init" then
		if init_thread then
			local _, doing = c.task_thread(init_thread)
			return doing
		end
		return
	end
	local t = type(what)
	if t == "table" then
		for k, v in pairs(c.tasks()) do
			what[k] = v
		end
	elseif t == "number" then
		return c.task_session(what) or "No session"
	elseif t == "thread" then
		return (c.task_thread(what))
	else
		error("skynet.task needs nothing, a table, a session, a coroutine or \"init\", not a " .. t, 2)
	end
end

-- "count\tsessions:[s1,s2,...]" -> what those coroutines wait for
function skynet.uniqtask()
	return c.uniqtasks()
end

-- When on, task() tells which coroutine created each pending timeout, and when.
function skynet.trace_timeout(on)
	c.trace_timeout(on)
end

-- Tracing: skynet.trace() tags the running coroutine; skynet.core then logs skynet's
-- "<TRACE tag> nanoseconds what [: source:line ...]" lines for its calls (passing the tag to the
-- callee, whose request runs under it), sleeps, resumes, response and end (see Tracing.java).
local tracetags -- coroutine -> tag (false: never traced), made on first use
local traceid = 0

local function settag(co, tag)
	if not tracetags then
		tracetags = setmetatable({}, { __mode = "k" })
		c.trace_tags(tracetags)
	end
	tracetags[co] = tag
end

skynet.tracelog = c.trace

function skynet.trace(info)
	local co = coroutine.running()
	local tag = tracetags and tracetags[co]
	skynet.error("TRACE", tag)
	if tag == false then
		return
	end
	traceid = traceid + 1
	tag = string.format(":%08x-%d", skynet.self(), traceid)
	settag(co, tag)
	c.trace(tag, info and ("trace " .. info) or "trace")
end

function skynet.tracetag()
	return tracetags and tracetags[coroutine.running()]
end

-- flag false: never trace this protocol; true: trace every message; nil: only on skynet.trace()
function skynet.traceproto(prototype, flag)
	protocol(prototype).trace = flag
end

function skynet.stat(what)
	if what == "mqlen" then
		return c.mqlen()
	elseif what == "message" then
		return c.message_count()
	elseif what == "endless" then
		return c.endless()
	elseif what == "cpu" then
		return c.cpu()
	elseif what == "time" then
		return c.message_time()
	end
	error("unknown stat " .. tostring(what), 2)
end

local info_func
function skynet.info_func(func)
	info_func = func
end

-- Caps the service's live Lua data at `bytes` (set once, as skynet's): past it the running code gets
-- "not enough memory". skynetj measures what the service keeps reachable (see MemoryAccount.java).
function skynet.memlimit(bytes)
	assert(type(bytes) == "number", "memlimit needs a number of bytes")
	c.memlimit(bytes)
	skynet.memlimit = nil
end

-- True once after the node's monitor found this service stuck in one message (see EndlessMonitor).
function skynet.endless()
	return c.endless()
end

skynet.pcall = pcall

-- dispatch ----------------------------------------------------------------------------------

function skynet.dispatch(typename, func)
	local p = proto[typename]
	if func then
		local ret = p.dispatch
		p.dispatch = func
		return ret
	else
		return p and p.dispatch
	end
end

local function unknown_request(session, address, msg, sz, prototype)
	local text = sz and sz > 0 and c.tostring(msg, sz) or ""
	skynet.error(string.format("Unknown request (%s): %s", tostring(prototype), text))
	error(string.format("Unknown session : %d from %x", session, address))
end

function skynet.dispatch_unknown_request(unknown)
	local prev = unknown_request
	unknown_request = unknown
	return prev
end

local function unknown_response(session, address, msg, sz)
	skynet.error(string.format("Response message : %s", c.tostring(msg, sz)))
	error(string.format("Unknown session : %d from %x", session, address))
end

-- The kernel matches replies to their sessions; a reply for a session nobody waits on comes here.
function skynet.dispatch_unknown_response(unknown)
	local prev = unknown_response
	unknown_response = unknown
	return prev
end

function skynet.dispatch_message(prototype, msg, sz, session, source)
	if prototype == skynet.PTYPE_RESPONSE then
		unknown_response(session, source, msg, sz)
		return
	end
	local p = proto[prototype]
	if p == nil and prototype == skynet.PTYPE_TRACE then
		c.trace_incoming(source, c.tostring(msg, sz)) -- the tag of source's next request
		return
	end
	local tag = c.trace_take(source)
	local f = p and p.dispatch
	if f then
		local co = coroutine.running()
		if p.trace == false then
			settag(co, false)
		elseif tag then
			settag(co, tag)
			c.trace(tag, "request")
		elseif p.trace then
			skynet.trace()
		end
		f(session, source, p.unpack(msg, sz))
		tag = tracetags and tracetags[co]
		if tag ~= nil then
			if tag then c.trace(tag, "end") end
			tracetags[co] = nil
		end
	else
		unknown_request(session, source, msg, sz, prototype)
	end
end

-- services ----------------------------------------------------------------------------------

function skynet.newservice(name, ...)
	local addr, err = skynet.call(".launcher", "lua", "LAUNCH", "snlua", name, ...)
	if err then
		error(string.format("newservice %s failed: %s", name, err), 2)
	end
	return addr
end

local function unique(cmd, global, ...)
	local addr, err
	if global == true then
		addr, err = skynet.call(".service", "lua", "G" .. cmd, ...)
	else
		addr, err = skynet.call(".service", "lua", cmd, global, ...)
	end
	if not addr then
		error(err or "unique service failed", 3)
	end
	return addr
end

function skynet.uniqueservice(global, ...)
	return unique("LAUNCH", global, ...)
end

function skynet.queryservice(global, ...)
	return unique("QUERY", global, ...)
end

function skynet.exit()
	skynet.send(".launcher", "lua", "REMOVE", skynet.self(), false)
	c.exit()
end

-- start-up ----------------------------------------------------------------------------------

local init_func = {} -- nil once the start-up functions have run

-- Before start-up, f runs just before the start function; after it (a module required later), at once.
function skynet.init(f, name)
	assert(type(f) == "function")
	if init_func then
		init_func[#init_func + 1] = f
	else
		f()
	end
end

-- Without the per-call debug hooks (see LuaVm) LuaJ cannot list frames, so the message alone is kept.
local function traceback(msg)
	return tostring(msg)
end

function skynet.init_service(start)
	local ok, err = xpcall(function()
		local funcs = init_func
		init_func = nil
		for _, f in ipairs(funcs) do
			f()
		end
		start()
	end, traceback)
	if not ok then
		skynet.error("init service failed: " .. tostring(err))
		c.started(false, tostring(err))
		skynet.send(".launcher", "lua", "ERROR", tostring(err))
		skynet.exit()
	else
		c.started(true)
		skynet.send(".launcher", "lua", "LAUNCHOK")
	end
end

function skynet.start(start_func)
	c.start_called()
	skynet.timeout(0, function()
		init_thread = coroutine.running()
		skynet.init_service(start_func)
		init_thread = nil
	end)
end

-- the protocols every service has -----------------------------------------------------------

skynet.register_protocol {
	name = "lua",
	id = skynet.PTYPE_LUA,
	pack = c.pack,
	unpack = c.unpack,
}

skynet.register_protocol {
	name = "response",
	id = skynet.PTYPE_RESPONSE,
}

-- A session-0 error means "the source is gone": replies owed to it are dropped by the kernel.
skynet.register_protocol {
	name = "error",
	id = skynet.PTYPE_ERROR,
	unpack = function(...) return ... end,
	dispatch = function() end,
}

skynet.register_protocol {
	name = "debug",
	id = skynet.PTYPE_DEBUG,
	pack = c.pack,
	unpack = c.unpack,
	dispatch = function(session, source, cmd, ...)
		if cmd == "PING" then
			skynet.ret()
		elseif cmd == "INFO" then
			if info_func then
				skynet.retpack(info_func(...))
			else
				skynet.ret()
			end
		elseif cmd == "EXIT" then
			skynet.exit()
		elseif cmd == "MEM" then
			-- the live size of this service's Lua data (KB), and its memlimit in KB when it has one
			local kb, limit = c.memory()
			if limit > 0 then
				skynet.retpack(kb, limit)
			else
				skynet.retpack(kb)
			end
		elseif cmd == "GC" then
			collectgarbage "collect"
		elseif cmd == "STAT" then
			skynet.retpack { task = c.task_count(), mqlen = c.mqlen(), cpu = c.cpu(), message = c.message_count() }
		elseif cmd == "SUPPORT" then
			skynet.retpack(proto[...] ~= nil and proto[...].dispatch ~= nil)
		elseif cmd == "TERM" then
			skynet.term(...)
		elseif cmd == "RUN" or cmd == "DRYRUN" then
			-- console inject: source, filename, args... (journaled: applied only if the patch completes)
			skynet.retpack(c.inject(skynet.dispatch_message, skynet.register_protocol, cmd == "DRYRUN", ...))
		elseif cmd == "PATCHES" then
			skynet.retpack(c.patches())
		elseif cmd == "ROLLBACK" then
			skynet.retpack(c.rollback())
		elseif cmd == "TASK" then
			skynet.retpack(c.tasks())
		elseif cmd == "UNIQTASK" then
			skynet.retpack(c.uniqtasks())
		elseif cmd == "KILLTASK" then
			skynet.retpack(c.killtask(...))
		elseif cmd == "TRACELOG" then
			-- TRACELOG([proto,] flag): skynet.traceproto(proto or "lua", flag) (console trace)
			local p, flag = ...
			if type(p) ~= "string" then
				p, flag = "lua", p
			end
			skynet.error(string.format("Turn trace log %s for %s", flag, p))
			skynet.traceproto(p, flag)
			skynet.ret()
		elseif cmd == "LINK" then
			-- never answered: the caller's call fails when this service exits
			skynet.response()
		else
			local extra = package.loaded["skynet.debug"]
			local f = extra and extra.command(cmd)
			if not f then
				error("Unknown debug command " .. tostring(cmd))
			end
			f(...)
		end
	end,
}

-- the code cache (clear, mode, stats, versions): also require "skynet.codecache"
skynet.cache = require "skynet.codecache"

-- With the protocol table, skynet.core calls a protocol's dispatch(session, source, unpack(msg, sz))
-- itself, as dispatch_message would; dispatch_message gets the rest (responses, unknown protocols).
c.callback(skynet.dispatch_message, proto)

return skynet
