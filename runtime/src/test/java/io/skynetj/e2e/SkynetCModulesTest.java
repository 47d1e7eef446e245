package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java equivalents of skynet's C modules skynet.multicast.core, skynet.sharedata.core and
 * skynet.sharetable.core, called as skynet's own Lua files call them: pointers (light userdata) made
 * in one service travel in messages to others, with skynet's reference counts and errors.
 * (SkynetLualibModulesTest runs skynet's own Lua files on them when skynet's lualib is at hand.)
 */
class SkynetCModulesTest {
    @TempDir
    Path dir;

    @Test
    void multicastPackagesAreSharedByAddressAndFreedByTheLastClose() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("sub", """
            local skynet = require "skynet"
            local mc = require "skynet.multicast.core"
            local got = {}
            skynet.register_protocol {
                name = "multicast", id = skynet.PTYPE_MULTICAST, unpack = mc.unpack,
                dispatch = function(channel, source, pack, msg, sz)
                    skynet.ignoreret()
                    got[#got + 1] = table.concat({ channel, skynet.unpack(msg, sz) }, " ")
                    mc.close(pack)
                end,
            }
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd, a, b)
                    if cmd == "take" then
                        local pack, msg, sz = mc.unpack(a, b)
                        local x, y = skynet.unpack(msg, sz)
                        mc.close(pack)
                        skynet.ret(skynet.pack(x, y))
                    elseif cmd == "echo" then
                        skynet.ret(skynet.pack(a))
                    elseif cmd == "sub" then
                        skynet.ret(skynet.pack(skynet.call(a, "lua", "SUB", b)))
                    else
                        skynet.ret(skynet.pack(table.concat(got, ";")))
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local mc = require "skynet.multicast.core"
            local check = require "check"
            skynet.start(function()
                local subs = { skynet.newservice("sub"), skynet.newservice("sub") }
                local ptr, sz = mc.pack(skynet.pack("hello", 42))
                check.eq("pack gives a pointer and its size", type(ptr) .. " " .. sz, "userdata 8")
                check.eq("a pointer comes back from another service the same", skynet.call(subs[1], "lua", "echo", ptr), ptr)
                local msg = skynet.tostring(ptr, sz)
                check.eq("the message is the package's address", #msg, 8)
                local pack = mc.bind(ptr, 2)
                -- bind freed ptr (in C a second bind reads freed memory): here a clear error
                check.raises("bind twice", "the pointer does not point to a message", mc.bind, ptr, 2)
                for i, s in ipairs(subs) do
                    local x, y = skynet.call(s, "lua", "take", msg, #msg)
                    check.eq("subscriber " .. i .. " reads the package", x .. " " .. y, "hello 42")
                end
                check.raises("the last close freed it", "invalid multicast package pointer", mc.close, pack)
                check.raises("unpack of a wrong size", "Invalid multicast package size 4", mc.unpack, msg, 4)
                check.raises("a size past 32 bits", "Size should be 32bit integer", mc.pack, "x", 1 << 32)

                local remote, rsz = mc.packremote("abc", 3)
                local data, dsz = mc.remote(remote)
                check.eq("packremote then remote", skynet.tostring(data, dsz), "abc")
                check.eq("nextid", mc.nextid(0) .. " " .. mc.nextid(0x7fffff00), "256 0")

                -- skynet's multicast.lua publishing through multicastd: a package pointer per publish
                local d = skynet.uniqueservice "multicastd"
                local c = skynet.call(d, "lua", "NEW")
                for _, s in ipairs(subs) do skynet.call(s, "lua", "sub", d, c) end
                skynet.call(d, "lua", "PUB", c, mc.pack(skynet.pack("one")))
                skynet.call(d, "lua", "PUB", c, mc.pack(skynet.pack("two")))
                local empty = skynet.call(d, "lua", "NEW")
                skynet.call(d, "lua", "PUB", empty, mc.pack(skynet.pack("nobody")))
                for i, s in ipairs(subs) do
                    local got
                    for _ = 1, 500 do
                        got = skynet.call(s, "lua", "got")
                        if got ~= "" and select(2, got:gsub(";", "")) == 1 then break end
                        skynet.sleep(1)
                    end
                    check.eq("multicastd delivers skynet's packages to subscriber " .. i .. " in order", got, c .. " one;" .. c .. " two")
                end
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "pack gives a pointer and its size", "a pointer comes back from another service the same",
                "the message is the package's address", "bind twice", "subscriber 1 reads the package",
                "subscriber 2 reads the package", "the last close freed it", "unpack of a wrong size",
                "a size past 32 bits", "packremote then remote", "nextid",
                "multicastd delivers skynet's packages to subscriber 1 in order", "multicastd delivers skynet's packages to subscriber 2 in order");
        }
    }

    /** As skynet's sharedatad and sharedata/corelib.lua use it: one conf object, read through its pointers by other services. */
    @Test
    void sharedataConfObjectsAreReadThroughPointersAndCountTheirReaders() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("reader", """
            local skynet = require "skynet"
            local core = require "skynet.sharedata.core"
            local box
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd, p)
                    if cmd == "box" then
                        box = core.box(p)
                        skynet.ret(skynet.pack(core.index(core.index(p, "sub"), "y")))
                    else
                        skynet.ret()
                        skynet.exit()
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local core = require "skynet.sharedata.core"
            local check = require "check"
            skynet.start(function()
                local p = core.new { 10, 20, 30, x = "a", [100] = true, sub = { y = 1.5 } }
                check.eq("a conf object is a pointer", type(p), "userdata")
                check.eq("array part", core.index(p, 2) .. " " .. core.len(p), "20 3")
                check.eq("hash part", core.index(p, "x") .. " " .. tostring(core.index(p, 100)) .. " " .. core.hashlen(p), "a true 3")
                check.eq("absent and nil keys", tostring(core.index(p, "nothere")) .. " " .. tostring(core.index(p, nil)), "nil nil")
                local sub = core.index(p, "sub")
                check.eq("a sub-table is a pointer", type(sub) .. " " .. core.index(sub, "y"), "userdata 1.5")
                check.eq("the same pointer each time", core.index(p, "sub"), sub)
                local keys, k = {}, nil
                repeat
                    k = core.nextkey(p, k)
                    if k ~= nil then keys[#keys + 1] = tostring(k) end
                until k == nil
                table.sort(keys)
                check.eq("nextkey visits every key once", table.concat(keys, ","), "1,100,2,3,sub,x")
                check.raises("a float key", "Invalid key 1.500000", core.index, p, 1.5)
                check.raises("a float key in new", "Invalid key 0.500000", core.new, { [0.5] = 1 })
                check.raises("a function value", "Unsupport value type function", core.new, { f = print })

                check.eq("no reader yet", core.getref(p), 0)
                local readers = { skynet.newservice("reader"), skynet.newservice("reader") }
                for i, r in ipairs(readers) do
                    check.eq("reader " .. i .. " reads by the pointer", skynet.call(r, "lua", "box", p), 1.5)
                end
                check.eq("each box holds a reference", core.getref(p), 2)
                check.eq("incref, decref", core.incref(p) .. " " .. core.decref(p), "3 2")
                skynet.call(readers[1], "lua", "exit")
                local ref
                for _ = 1, 500 do
                    ref = core.getref(p)
                    if ref == 1 then break end
                    skynet.sleep(1)
                end
                check.eq("a reader that exits lets go of its box", ref, 1)

                check.eq("clean", core.isdirty(p), false)
                core.markdirty(p)
                check.eq("markdirty", core.isdirty(sub), true)
                local box = core.box(p)
                local p2 = core.new { x = "b" }
                check.eq("nothing to update to yet", core.needupdate(box), nil)
                local t = { tag = 1 }
                core.update(box, p2, t)
                local np, nt = core.needupdate(box)
                check.eq("needupdate gives the new object and its table", np == p2 and nt == t, true)
                check.raises("update to the same object", "You should update a new object", core.update, box, p, {})
                core.delete(p2)
                check.raises("a deleted object", "invalid conf object pointer", core.index, p2, "x")
                check.raises("not a pointer", "Need a conf object", core.index, "p", "x")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "a conf object is a pointer", "array part", "hash part", "absent and nil keys",
                "a sub-table is a pointer", "the same pointer each time", "nextkey visits every key once", "a float key",
                "a float key in new", "a function value", "no reader yet", "reader 1 reads by the pointer",
                "reader 2 reads by the pointer", "each box holds a reference", "incref, decref",
                "a reader that exits lets go of its box", "clean", "markdirty", "nothing to update to yet",
                "needupdate gives the new object and its table", "update to the same object", "a deleted object", "not a pointer");
        }
    }

    /** As skynet's sharetable.lua uses it: its service loads matrices, readers clone them by pointer. */
    @Test
    void sharetableMatricesAreLoadedOnceAndClonedByPointer() throws Exception {
        Files.writeString(dir.resolve("data.lua"), "local n = ... return { n = n, list = { 'a', 'b' } }\n");
        try (TestNode node = LuaScenario.node(dir).service("holder", """
            local skynet = require "skynet"
            local core = require "skynet.sharetable.core"
            local m
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd, ptr, len)
                    if cmd == "add" then -- a shared function, called through this service's own clone
                        local f = core.clone(ptr).add
                        skynet.ret(skynet.pack(f(len, 1), f == core.clone(ptr).add))
                        return
                    end
                    -- as skynet's sharetable service's loadtable: unpack the packed table inside the matrix
                    m = core.matrix("local unpack, ptr, len = ... return unpack(ptr, len)", skynet.unpack, ptr, len)
                    skynet.trash(ptr, len)
                    skynet.ret(skynet.pack(m:getptr()))
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local core = require "skynet.sharetable.core"
            local check = require "check"
            skynet.start(function()
                local m = core.matrix("return { ... }", 1, 2, 3)
                local ptr = m:getptr()
                check.eq("getptr: the same pointer each time", m:getptr(), ptr)
                local refs = { [ptr] = "found" }
                check.eq("a pointer is a table key", refs[m:getptr()], "found")
                local t = core.clone(ptr)
                check.eq("clone reads the matrix", type(t) .. " " .. #t .. " " .. t[3], "table 3 3")
                local sum = 0
                for _, v in pairs(t) do sum = sum + v end
                check.eq("pairs", sum, 6)
                check.eq("is_sharedtable", tostring(core.is_sharedtable(t)) .. " " .. tostring(core.is_sharedtable({})), "true false")
                check.raises("read-only", "Error newindex", function() t[4] = 4 end)
                check.ok("size", m:size() > 0, m:size())

                local f = core.matrix("@" .. %s, 7)
                local ft = core.clone(f:getptr())
                check.eq("a data file with an argument", ft.n .. " " .. ft.list[2], "7 b")

                local holder = skynet.newservice("holder")
                local hp = skynet.call(holder, "lua", "loadtable", skynet.pack({ x = 1, y = { "z" } }))
                local ht = core.clone(hp)
                check.eq("a table packed, loaded in another service, cloned here", ht.x .. ht.y[1], "1z")

                local fm = core.matrix("return { add = function(a, b) return a + b end, nested = { twice = function(x) return x * 2 end } }")
                local fv = core.clone(fm:getptr())
                check.eq("shared functions", fv.add(2, 3) .. " " .. fv.nested.twice(21), "5 42")
                check.eq("a shared function read twice, also through another clone, is one value", fv.add == fv.add and fv.add == core.clone(fm:getptr()).add and fv.add ~= fv.nested.twice, true)
                local sum, same = skynet.call(holder, "lua", "add", fm:getptr(), 41)
                check.eq("another service calls its own closure of it", sum .. " " .. tostring(same), "42 true")
                check.ok("an error in it is an ordinary Lua error", select(2, pcall(fv.add, {}, 1)):match("attempt to perform arithmetic"), "")
                check.raises("a function with an upvalue", "Invalid function with upvalue", core.matrix, "local k = 1 return { f = function() return k end }")
                check.raises("a function reading a global (its _ENV upvalue)", "Invalid function with upvalue", core.matrix, "return { f = function() return print end }")
                check.raises("a Java function", "cannot share a function", core.matrix, "return { f = math.floor }")

                m:close()
                check.eq("closed: no pointer", m:getptr(), nil)
                check.eq("closed: size 0", m:size(), 0)
                check.raises("a closed matrix's pointer", "invalid sharetable matrix pointer", core.clone, ptr)
                check.raises("not a table", "Not a table, it's a number.", core.matrix, "return 1")
                check.raises("a string argument", "Type invalid", core.matrix, "return {}", "s")
                check.raises("a Lua function argument", "Only support light C function", core.matrix, "return {}", function() end)
                check.raises("a metatable", "Can't share metatable", core.matrix, "return setmetatable({}, {})")
                check.raises("a syntax error", "unexpected symbol", core.matrix, "return {")
                print("DONE")
            end)
            """.formatted(LuaScenario.luaString(dir.resolve("data.lua").toString()))).start("main")) {
            assertPassed(node, "getptr: the same pointer each time", "a pointer is a table key", "clone reads the matrix", "pairs",
                "is_sharedtable", "read-only", "size", "a data file with an argument",
                "a table packed, loaded in another service, cloned here", "shared functions", "a shared function read twice, also through another clone, is one value",
                "another service calls its own closure of it", "an error in it is an ordinary Lua error", "a function with an upvalue",
                "a function reading a global (its _ENV upvalue)", "a Java function", "closed: no pointer", "closed: size 0",
                "a closed matrix's pointer", "not a table", "a string argument", "a Lua function argument", "a metatable",
                "a syntax error");
        }
    }

    /**
     * What skynet's sharetable.update walks, on skynetj: stackvalues, and a skynet coroutine waiting in the kernel
     * (no Lua value refers to it) found in debug.getregistry(), whose locals getlocal reads and setlocal changes.
     */
    @Test
    void sharetableUpdateReachesWaitingCoroutinesThroughTheRegistry() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local core = require "skynet.sharetable.core"
            local check = require "check"
            local result
            skynet.start(function()
                local fresh = coroutine.create(function() end)
                local values = {}
                check.eq("stackvalues of a coroutine not started: its body", core.stackvalues(fresh, values) .. " " .. tostring(values[1] ~= nil), "1 true")
                check.eq("stackvalues of the running thread", core.stackvalues(coroutine.running(), {}), 0)
                check.raises("stackvalues of a table", "thread expected", core.stackvalues, {}, {})

                local old = {}
                skynet.fork(function(arg)
                    local mine = arg
                    skynet.sleep(100000, "token")
                    result = mine
                end, old)
                skynet.yield()
                local threads = debug.getregistry()["skynetj.threads"]
                check.eq("the registry lists the waiting coroutine", #threads, 1)
                local co, names, level = threads[1], {}, 1
                while debug.getinfo(co, level, "f") do
                    local i = 1
                    while true do
                        local name, v = debug.getlocal(co, level, i)
                        if name == nil then break end
                        if v == old then
                            names[#names + 1] = name
                            debug.setlocal(co, level, i, "new")
                        end
                        i = i + 1
                    end
                    level = level + 1
                end
                check.eq("its locals that hold the value", table.concat(names, " "), "arg mine")
                skynet.wakeup("token")
                skynet.yield()
                check.eq("woken, it sees what setlocal put there", result, "new")
                check.eq("none waits any more", #debug.getregistry()["skynetj.threads"], 0)

                local forked = skynet.fork(function() end, old, 7)
                local body = {}
                local n = core.stackvalues(forked, body)
                check.eq("stackvalues of a fork not started: its function and a table of its arguments",
                    n .. " " .. type(body[1]) .. " " .. tostring(body[2][1] == old) .. " " .. tostring(body[2][2]), "2 function true 7")
                check.eq("the registry lists it", debug.getregistry()["skynetj.threads"][1], forked)
                skynet.yield()
                check.eq("stackvalues of a fork that ran", core.stackvalues(forked, {}), 0)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "stackvalues of a coroutine not started: its body", "stackvalues of the running thread", "stackvalues of a table",
                "the registry lists the waiting coroutine", "its locals that hold the value", "woken, it sees what setlocal put there",
                "none waits any more", "stackvalues of a fork not started: its function and a table of its arguments",
                "the registry lists it", "stackvalues of a fork that ran");
        }
    }

    /**
     * A walk over everything reachable from debug.getregistry(), the way skynet's sharetable.update walks
     * (tables, upvalues, other coroutines through stackvalues, getinfo and getlocal), swapping one table
     * for another, reaches what the kernel holds and has not run yet: a queued skynet.fork (its upvalues
     * and arguments), a skynet.timeout callback, a coroutine woken from skynet.wait and not resumed, and a
     * skynet.response closure held by a pending timeout. What ran is no longer listed afterwards.
     */
    @Test
    void walkingTheRegistryReachesForksTimeoutsAndWokenCoroutinesNotRunYet() throws Exception {
        try (TestNode node = new TestNode(dir).service("pending_reach", """
            -- Walks everything reachable from the registry, as skynet's sharetable.update does (tables, function
            -- upvalues, other coroutines' stacks through stackvalues, getinfo and getlocal), and swaps one table
            -- for another: a fork, a timeout and a woken coroutine that have not run yet must see the new one.
            local skynet = require "skynet"
            local core = require "skynet.sharetable.core"

            local function replace_everywhere(old, new)
                local seen = { [coroutine.running()] = true }
                local visit
                local function visit_function(f)
                    local i = 1
                    while true do
                        local name, v = debug.getupvalue(f, i)
                        if not name then break end
                        if v == old then debug.setupvalue(f, i, new) else visit(v) end
                        i = i + 1
                    end
                end
                local function visit_thread(co)
                    local values = {}
                    for i = 1, core.stackvalues(co, values) do visit(values[i]) end
                    local level = 0
                    while debug.getinfo(co, level, "f") do
                        visit(debug.getinfo(co, level, "f").func)
                        local i = 1
                        while true do
                            local name, v = debug.getlocal(co, level, i)
                            if not name then break end
                            if v == old then debug.setlocal(co, level, i, new) else visit(v) end
                            i = i + 1
                        end
                        level = level + 1
                    end
                end
                function visit(v)
                    if v == nil or seen[v] then return end
                    local kind = type(v)
                    if kind == "table" then
                        seen[v] = true
                        for k, x in next, v do
                            if x == old then rawset(v, k, new) else visit(x) end
                            visit(k)
                        end
                        visit(debug.getmetatable(v))
                    elseif kind == "function" then
                        seen[v] = true
                        visit_function(v)
                    elseif kind == "thread" then
                        seen[v] = true
                        visit_thread(v)
                    end
                end
                visit(debug.getregistry())
            end

            local pending = {} -- what runs after the walk reports here; the service ends when all four have

            local function report(...)
                print(...)
                pending[#pending + 1] = true
                if #pending == 4 then
                    -- what ran is no longer listed where the walk starts (skynetj lists what its kernel holds there)
                    print("listed", #(debug.getregistry()["skynetj.threads"] or {}))
                    print("done")
                    skynet.exit()
                end
            end

            skynet.start(function()
                local old = { version = "old" }
                local waiter
                skynet.fork(function()
                    waiter = coroutine.running()
                    local mine = old
                    skynet.wait()
                    report("woken", mine.version)
                end)
                skynet.dispatch("lua", function()
                    local up = old
                    local reply = skynet.response(function(...) return skynet.pack(up.version, ...) end)
                    skynet.timeout(1, function() reply(true, "response") end)
                end)
                skynet.fork(function()
                    report("call", skynet.call(skynet.self(), "lua"))
                end)
                skynet.yield() -- the first fork waits now; the request is in, its response closure held by a pending timeout
                do
                    local up = old
                    skynet.fork(function(arg, n)
                        report("fork", up.version, arg.version, n)
                    end, old, 42)
                    skynet.timeout(0, function()
                        report("timeout", up.version)
                    end)
                end
                skynet.wakeup(waiter) -- woken: resumes after this coroutine yields
                replace_everywhere(old, { version = "new" })
            end)
            """).start("pending_reach")) {
            node.await("done");
            List<String> got = node.lines().stream().filter(l -> !l.startsWith("[")).toList();
            // skynet v1.8.0 (this service run on /tmp/skynet) printed these lines, in this order
            assertEquals(List.of("woken\tnew", "fork\tnew\tnew\t42", "timeout\tnew", "call\tnew\tresponse", "listed\t0", "done"), got);
        }
    }
}
