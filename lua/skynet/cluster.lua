-- skynet.cluster on skynetj: the API of skynet's lualib/skynet/cluster.lua. The cluster services are
-- Java (io.skynetj.cluster): clusterd, one sender per remote node, one agent per accepted connection,
-- proxies. As in skynet, this module packs the arguments and unpacks the replies; the payload crosses
-- the network untouched. Where skynet raises "call failed" or hangs, skynetj raises the reason
-- (timeout, connection lost, remote error text, node absent).
local skynet = require "skynet"
local c = require "skynet.core"
local core = require "skynet.cluster.core"

local PTYPE_LUA = skynet.PTYPE_LUA
local clusterd = core.clusterd()
local cluster = {}
local sender = {}      -- node name -> sender address, once known
local task_queue = {}  -- node name -> sends and waiting callers, in order, until the sender is known

local function failed(what, ok, msg)
	if ok == nil then
		msg = "cluster service is gone"
	end
	error(string.format("%s failed: %s", what, tostring(msg or "call failed")), 0)
end

-- A request to clusterd; its errors come back as text.
local function clusterd_call(what, ...)
	local ok, msg, sz = c.call(clusterd, PTYPE_LUA, c.pack(...))
	if ok then
		return c.unpack(msg, sz)
	end
	failed(what, ok, msg)
end

local function request_sender(q, node)
	local ok, s, err = pcall(clusterd_call, "cluster sender", "sender", node)
	if not ok then
		s, err = nil, s
	end
	if not s then
		skynet.error(err)
	end
	-- run the queued tasks in order: sends go out, each waiting caller resumes before the next task
	local confirm = coroutine.running()
	q.confirm = confirm
	q.sender = s
	q.err = err
	for _, task in ipairs(q) do
		if type(task) == "table" then
			if s then
				c.send(s, PTYPE_LUA, 0, c.pack("push", task[1], task[2]))
			end
		else
			skynet.wakeup(task)
			skynet.wait(confirm)
		end
	end
	task_queue[node] = nil
	sender[node] = s
end

setmetatable(task_queue, { __index = function(t, node)
	local q = {}
	t[node] = q
	skynet.fork(request_sender, q, node)
	return q
end })

local function get_sender(node)
	local s = sender[node]
	if s then
		return s
	end
	local q = task_queue[node]
	local task = coroutine.running()
	table.insert(q, task)
	skynet.wait(task)
	skynet.wakeup(q.confirm)
	if not q.sender then
		error(q.err, 0)
	end
	return q.sender
end

cluster.get_sender = get_sender

local function remote_call(node, address, payload, what)
	local s = sender[node] or get_sender(node)
	local req = c.pack("req", address, payload)
	local ok, msg, sz = c.call(s, PTYPE_LUA, req)
	if ok == nil then
		-- the sender was killed, so nothing was sent: clusterd starts another one
		if sender[node] == s then
			sender[node] = nil
		end
		ok, msg, sz = c.call(get_sender(node), PTYPE_LUA, req)
	end
	if ok then
		return c.unpack(msg, sz)
	end
	failed(what or string.format("cluster call to [%s] %s", tostring(node), tostring(address)), ok, msg)
end

function cluster.call(node, address, ...)
	return remote_call(node, address, c.packstring(...))
end

function cluster.send(node, address, ...)
	local payload = c.packstring(...)
	local s = sender[node]
	if s then
		c.send(s, PTYPE_LUA, 0, c.pack("push", address, payload))
	else
		table.insert(task_queue[node], { address, payload })
	end
end

-- cluster.open(port [, maxclient]) listens on cluster_bind (default 127.0.0.1);
-- cluster.open(name) on that node's address from the cluster config. Returns host, port.
function cluster.open(port, maxclient)
	return clusterd_call("cluster.open", "listen", port, maxclient)
end

function cluster.reload(config)
	clusterd_call("cluster.reload", "reload", config)
end

function cluster.proxy(node, name)
	return clusterd_call("cluster.proxy", "proxy", node, name)
end

-- A snax object for snax service `name` of another node (its unique instance, or the one at
-- `address`); that service must have called snax.enablecluster().
function cluster.snax(node, name, address)
	local snax = require "skynet.snax"
	if not address then
		address = cluster.call(node, ".service", "QUERY", "snaxd", name)
	end
	return snax.bind(cluster.proxy(node, address), name)
end

function cluster.register(name, addr)
	assert(type(name) == "string")
	assert(addr == nil or type(addr) == "number")
	return clusterd_call("cluster.register", "register", name, addr)
end

function cluster.unregister(name)
	assert(type(name) == "string")
	return clusterd_call("cluster.unregister", "unregister", name)
end

-- The handle the remote node registered under name (address 0 is the remote's registry).
function cluster.query(node, name)
	return remote_call(node, 0, c.packstring(name), string.format("cluster.query [%s] %s", tostring(node), tostring(name)))
end

return cluster
