-- Cluster interoperability check, run unchanged on a skynet node and on a skynetj node by tools/interop:
-- each node calls the other over skynet's cluster protocol and checks what arrives on both sides
-- (integer and float types, 64-bit integers, -0.0, nested tables, a message larger than one cluster
-- packet, cluster.send, an unknown name). Prints one "CHECK <name> ok" or "CHECK <name> FAIL ..." line
-- per check and "DONE <failures>", then waits for the peer to finish and ends the node.
local skynet = require "skynet"
local cluster = require "skynet.cluster"
require "skynet.manager"

local me, peer = skynet.getenv "interop_me", skynet.getenv "interop_peer"

local function describe(v)
	local t = type(v)
	if t == "number" then
		return math.type(v) .. ":" .. string.format("%q", v)
	elseif t == "table" then
		local keys = {}
		for k in pairs(v) do keys[#keys + 1] = k end
		table.sort(keys, function(a, b) return describe(a) < describe(b) end)
		local parts = {}
		for _, k in ipairs(keys) do parts[#parts + 1] = describe(k) .. "=" .. describe(v[k]) end
		return "{" .. table.concat(parts, ",") .. "}"
	elseif t == "string" then
		return string.format("%q", v)
	end
	return tostring(v)
end

local function describe_all(...)
	local parts = {}
	for i = 1, select("#", ...) do parts[i] = describe((select(i, ...))) end
	return table.concat(parts, " ")
end

local pushes, peer_done = 0, false
local handlers = {
	describe = function(...) return describe_all(...), ... end,
	push = function() pushes = pushes + 1 end,
	pushes = function() return pushes end,
	done = function() peer_done = true end,
}

local failures = 0
local function check(name, ok, detail)
	if not ok then failures = failures + 1 end
	print(string.format("CHECK %s -> %s %s%s", me, peer, name, ok and " ok" or " FAIL " .. tostring(detail)))
end

local function call(...)
	return cluster.call(peer, "@interop", ...)
end

local function checks()
	-- the peer may still be starting: wait until it answers, 30 s at most
	local deadline = skynet.now() + 3000
	while not pcall(call, "pushes") do
		if skynet.now() > deadline then
			check("peer answers", false, "no answer from " .. peer .. " in 30 s")
			return
		end
		skynet.sleep(10)
	end
	local values = { 1, 1.0, (1 << 53) + 1, math.maxinteger, math.mininteger, -0.0, 1e300, 3 // 2, 7 / 2,
		"text\0with\255bytes", true, false, { 1, 2.5, 3, x = { y = "z", [10] = 1 << 40 }, [2.5] = -1 } }
	local sent = describe_all(table.unpack(values))
	local r = table.pack(call("describe", table.unpack(values)))
	check("types seen by the callee", r[1] == sent, "callee saw: " .. tostring(r[1]) .. " sent: " .. sent)
	check("types of the reply", describe_all(table.unpack(r, 2, r.n)) == sent, describe_all(table.unpack(r, 2, r.n)))

	local big = string.rep("0123456789abcdef", 16 * 1024) .. "end" -- 256 KB: many cluster packets
	local seen, back = call("describe", big)
	check("large request and reply", seen == describe(big) and back == big, "lengths " .. #tostring(back))

	for _ = 1, 10 do cluster.send(peer, "@interop", "push") end
	check("cluster.send arrives before a later call", call("pushes") >= 10, "pushes counted")

	local ok, err = pcall(cluster.call, peer, "@no_such_name", "describe")
	check("unknown name fails the call", not ok, "call succeeded")
	print("  (error was: " .. tostring(err):match("[^\n]*") .. ")")
end

skynet.start(function()
	skynet.dispatch("lua", function(_, _, cmd, ...)
		skynet.retpack(handlers[cmd](...))
	end)
	cluster.reload { [me] = skynet.getenv "interop_me_addr", [peer] = skynet.getenv "interop_peer_addr" }
	cluster.register("interop", skynet.self())
	cluster.open(me)
	skynet.fork(function()
		checks()
		print("DONE " .. me .. " " .. failures)
		pcall(cluster.send, peer, "@interop", "done")
		local deadline = skynet.now() + 3000
		while not peer_done and skynet.now() < deadline do skynet.sleep(10) end
		skynet.abort()
	end)
end)
