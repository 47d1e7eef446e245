package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core skynet API through a real node running real Lua services. */
class CoreApiTest {
    @TempDir
    Path dir;

    static final String ECHO = """
        local skynet = require "skynet"
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, ...)
                skynet.retpack(...)
            end)
        end)
        """;

    @Test
    void callReturnsAllValuesAndCopiesMessages() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("echo", ECHO).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local echo = skynet.newservice("echo")
                local a, b, c, d = skynet.call(echo, "lua", "x", nil, 3.5, {k = {1, 2}})
                check.eq("string", a, "x")
                check.eq("embedded nil", b, nil)
                check.eq("number", c, 3.5)
                check.eq("nested table", d.k[2], 2)
                check.eq("value count", select("#", skynet.call(echo, "lua", 1, nil, nil)), 3)
                local t = {v = 1}
                local r = skynet.call(echo, "lua", t)
                r.v = 2
                check.eq("reply is a copy", t.v, 1)
                check.eq("address format", skynet.address(echo), string.format(":%08x", echo))
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "string", "embedded nil", "number", "nested table", "value count", "reply is a copy", "address format");
        }
    }

    @Test
    void sendsArriveInSendOrder() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("recorder", """
            local skynet = require "skynet"
            local seen = {}
            skynet.start(function()
                skynet.dispatch("lua", function(session, source, cmd, v)
                    if cmd == "ADD" then
                        seen[#seen + 1] = source .. ":" .. v
                    else
                        skynet.retpack(seen)
                    end
                end)
            end)
            """).service("sender", """
            local skynet = require "skynet"
            local recorder, n = ...
            skynet.start(function()
                for i = 1, tonumber(n) do
                    skynet.send(tonumber(recorder), "lua", "ADD", i)
                end
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local rec = skynet.newservice("recorder")
                local s1 = skynet.newservice("sender", rec, 2000)
                local s2 = skynet.newservice("sender", rec, 2000)
                local seen = skynet.call(rec, "lua", "GET")
                check.eq("all delivered", #seen, 4000)
                local last = {}
                local ordered = true
                for _, e in ipairs(seen) do
                    local src, v = e:match("(%d+):(%d+)")
                    v = tonumber(v)
                    if (last[src] or 0) + 1 ~= v then ordered = false end
                    last[src] = v
                end
                check.ok("per-sender order", ordered, "out of order")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "all delivered", "per-sender order");
        }
    }

    @Test
    void serviceHandlesOtherRequestsWhileACallIsBlocked() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("sleeper", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.dispatch("lua", function(session, source, cs)
                    skynet.sleep(cs)
                    skynet.retpack("slept")
                end)
            end)
            """).service("middle", """
            local skynet = require "skynet"
            local sleeper = tonumber(...)
            skynet.start(function()
                skynet.dispatch("lua", function(session, source, cmd)
                    if cmd == "slow" then
                        skynet.retpack(skynet.call(sleeper, "lua", 30))
                    else
                        skynet.retpack("fast")
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local middle = skynet.newservice("middle", skynet.newservice("sleeper"))
                local order = {}
                local done = false
                skynet.fork(function()
                    local r = skynet.call(middle, "lua", "slow")
                    order[#order + 1] = r
                    done = true
                end)
                skynet.yield()
                local r = skynet.call(middle, "lua", "fast")
                order[#order + 1] = r
                while not done do skynet.sleep(1) end
                check.eq("fast answered while slow blocked", check.list(order), "fast,slept")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "fast answered while slow blocked");
        }
    }

    @Test
    void responseClosures() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("deferred", """
            local skynet = require "skynet"
            local check = require "check"
            local held
            skynet.start(function()
                skynet.dispatch("lua", function(session, source, cmd, v)
                    if cmd == "hold" then
                        held = skynet.response()
                    elseif cmd == "release" then
                        check.eq("TEST before use", held("TEST"), true)
                        check.eq("deliver", held(true, v, "extra"), true)
                        check.eq("TEST after use", held("TEST"), false)
                        check.raises("second use", "Can't response more than once", held, true, 1)
                        skynet.ret()
                    elseif cmd == "refuse" then
                        local r = skynet.response()
                        r(false)
                    elseif cmd == "twice" then
                        skynet.ret(skynet.pack(1))
                        check.raises("second ret", "No session", skynet.ret, skynet.pack(2))
                    elseif cmd == "sync" then
                        skynet.ret()
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local d = skynet.newservice("deferred")
                local got
                skynet.fork(function()
                    got = { skynet.call(d, "lua", "hold") }
                end)
                skynet.yield()
                skynet.call(d, "lua", "release", 42)
                while not got do skynet.sleep(1) end
                check.eq("deferred reply", got[1], 42)
                check.eq("deferred reply second value", got[2], "extra")
                check.raises("response(false) fails the call", "call failed", skynet.call, d, "lua", "refuse")
                check.eq("first ret wins", skynet.call(d, "lua", "twice"), 1)
                skynet.call(d, "lua", "sync") -- the service handled "twice" to its end
                check.raises("ret outside a request", "No session", skynet.ret)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "TEST before use", "deliver", "TEST after use", "second use", "deferred reply",
                "deferred reply second value", "response(false) fails the call", "second ret", "first ret wins",
                "ret outside a request");
        }
    }

    @Test
    void sleepWaitWakeup() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local result = "none"
                local co = skynet.fork(function()
                    result = skynet.sleep(100000)
                end)
                skynet.yield()
                check.eq("wakeup a sleeper", skynet.wakeup(co), true)
                skynet.yield()
                check.eq("sleep returns BREAK", result, "BREAK")
                check.eq("wakeup of nobody", skynet.wakeup(co), nil)

                local token = {}
                local woke = false
                skynet.fork(function()
                    skynet.sleep(100000, token)
                    woke = true
                end)
                skynet.yield()
                skynet.wakeup(token)
                skynet.yield()
                check.eq("sleep with token", woke, true)

                local waited = false
                local w = skynet.fork(function()
                    skynet.wait()
                    waited = true
                end)
                skynet.yield()
                check.eq("wait blocks", waited, false)
                skynet.wakeup(w)
                skynet.yield()
                check.eq("wait resumes", waited, true)

                local t0 = skynet.now()
                check.eq("plain sleep returns nothing", select("#", skynet.sleep(5)), 0)
                check.ok("sleep lasts", skynet.now() - t0 >= 5, skynet.now() - t0)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "wakeup a sleeper", "sleep returns BREAK", "wakeup of nobody", "sleep with token",
                "wait blocks", "wait resumes", "plain sleep returns nothing", "sleep lasts");
        }
    }

    @Test
    void timeoutsFireInTimeOrderAndForksRunFifo() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local order = {}
                skynet.timeout(30, function() order[#order + 1] = "30" end)
                skynet.timeout(10, function() order[#order + 1] = "10" end)
                skynet.timeout(20, function() order[#order + 1] = "20" end)
                skynet.timeout(0, function() order[#order + 1] = "0" end)
                check.eq("timeout(0) waits for the current coroutine", #order, 0)
                skynet.sleep(50)
                check.eq("timeouts in time order", check.list(order), "0,10,20,30")

                local forks = {}
                for i = 1, 5 do
                    skynet.fork(function(n) forks[#forks + 1] = n end, i)
                end
                check.eq("forks wait for the current coroutine", #forks, 0)
                skynet.yield()
                check.eq("forks run FIFO with their arguments", check.list(forks), "1,2,3,4,5")

                local t0 = skynet.now()
                skynet.timeout(25, function()
                    check.ok("timeout not early", skynet.now() - t0 >= 25, skynet.now() - t0)
                    print("DONE")
                end)
            end)
            """).start("main")) {
            assertPassed(node, "timeout(0) waits for the current coroutine", "timeouts in time order",
                "forks wait for the current coroutine", "forks run FIFO with their arguments", "timeout not early");
        }
    }

    @Test
    void newserviceUniqueserviceQueryservice() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("counted", """
            local skynet = require "skynet"
            local args = { ... }
            skynet.start(function()
                skynet.error("counted started")
                skynet.sleep(10)
                skynet.dispatch("lua", function(session, source, cmd)
                    skynet.retpack(args)
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local a = skynet.newservice("counted", 1, "two")
                local args = skynet.call(a, "lua", "ARGS")
                check.eq("newservice args arrive as strings", type(args[1]) .. args[1] .. args[2], "string1two")
                check.ok("newservice makes a new instance", skynet.newservice("counted") ~= a, "same address")

                local queried
                skynet.fork(function() queried = skynet.queryservice("counted") end)
                local results = {}
                for i = 1, 3 do
                    skynet.fork(function() results[i] = skynet.uniqueservice("counted") end)
                end
                while not (results[1] and results[2] and results[3] and queried) do skynet.sleep(1) end
                check.ok("concurrent uniqueservice share one launch", results[1] == results[2] and results[2] == results[3], check.list(results))
                check.eq("queryservice waits for the launch", queried, results[1])
                check.eq("uniqueservice again", skynet.uniqueservice("counted"), results[1])
                check.raises("failed unique launch is re-raised", "nosuchservice", skynet.uniqueservice, "nosuchservice")
                check.raises("failed unique launch remembered", "nosuchservice", skynet.uniqueservice, "nosuchservice")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "newservice args arrive as strings", "newservice makes a new instance",
                "concurrent uniqueservice share one launch", "queryservice waits for the launch", "uniqueservice again",
                "failed unique launch is re-raised", "failed unique launch remembered");
            // one start for each newservice and exactly one for the three concurrent uniqueservice calls
            org.junit.jupiter.api.Assertions.assertEquals(3, node.lines().stream().filter(l -> l.endsWith("counted started")).count(), node.output());
        }
    }

    @Test
    void localAndGlobalNames() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("echo", ECHO).service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            local check = require "check"
            skynet.start(function()
                local echo = skynet.newservice("echo")
                skynet.name(".echo", echo)
                check.eq("localname", skynet.localname(".echo"), echo)
                check.eq("call by local name", skynet.call(".echo", "lua", "hi"), "hi")
                skynet.name("globecho", echo)
                check.eq("call by global name", skynet.call("globecho", "lua", "g"), "g")
                check.eq("call by :hex", skynet.call(skynet.address(echo), "lua", "h"), "h")
                check.raises("name already used", "already used", skynet.name, ".echo", skynet.self())
                check.raises("global name too long", "shorter than 16", skynet.name, "averyveryverylongname", echo)
                skynet.register(".me")
                check.eq("register names self", skynet.localname(".me"), skynet.self())
                check.eq("unknown local name", skynet.localname(".nobody"), nil)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "localname", "call by local name", "call by global name", "call by :hex", "name already used",
                "global name too long", "register names self", "unknown local name");
        }
    }

    @Test
    void queueSerialisesBlockingHandlers() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local queue = require "skynet.queue"
            local check = require "check"
            skynet.start(function()
                local cs = queue()
                local log = {}
                local done = 0
                for i = 1, 3 do
                    skynet.fork(function()
                        cs(function()
                            log[#log + 1] = "in" .. i
                            skynet.sleep(2)
                            cs(function() log[#log + 1] = "re" .. i end)
                            log[#log + 1] = "out" .. i
                        end)
                        done = done + 1
                    end)
                end
                while done < 3 do skynet.sleep(1) end
                check.eq("critical section", check.list(log), "in1,re1,out1,in2,re2,out2,in3,re3,out3")
                check.raises("error re-raised", "boom", cs, function() error("boom") end)
                check.eq("usable after error", cs(function() return "fine" end), "fine")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "critical section", "error re-raised", "usable after error");
        }
    }

    @Test
    void environmentAndTime() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("custom_key", "42").service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.init(function() INIT_ORDER = "init" end)
            skynet.start(function()
                check.eq("getenv config key", skynet.getenv("custom_key"), "42")
                check.eq("getenv missing", skynet.getenv("nope"), nil)
                skynet.setenv("newkey", 7)
                check.eq("setenv stores a string", skynet.getenv("newkey"), "7")
                check.raises("setenv is write-once", "Can't setenv exist key : newkey", skynet.setenv, "newkey", 8)
                check.ok("starttime", math.abs(skynet.starttime() - os.time()) < 60, skynet.starttime())
                check.ok("time", math.abs(skynet.time() - os.time()) < 60, skynet.time())
                local h1 = skynet.hpc()
                local h2 = skynet.hpc()
                check.ok("hpc monotonic", h2 >= h1, h2 - h1)
                check.eq("self", type(skynet.self()), "number")
                check.eq("mqlen", skynet.mqlen(), 0)
                check.eq("task count", skynet.task(), 0)
                local s, src = skynet.context()
                check.eq("context of the start function", s, 0)
                check.eq("init before start ran first", INIT_ORDER, "init")
                skynet.init(function() INIT_ORDER = INIT_ORDER .. ",late" end)
                check.eq("init after start runs at once", INIT_ORDER, "init,late")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "getenv config key", "getenv missing", "setenv stores a string", "setenv is write-once",
                "starttime", "time", "hpc monotonic", "self", "mqlen", "task count", "context of the start function",
                "init before start ran first", "init after start runs at once");
        }
    }

    static final String SLOW = """
        local skynet = require "skynet"
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd, cs)
                if cmd == "sleep" then
                    skynet.sleep(cs)
                    skynet.retpack("slept " .. cs)
                elseif cmd == "fail" then
                    error("fails on purpose")
                elseif cmd == "noreply" then
                    skynet.ignoreret()
                else
                    skynet.retpack(cmd)
                end
            end)
        end)
        """;

    @Test
    void requestBatch() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("slow", SLOW).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local s = skynet.newservice("slow")
                local reqs = skynet.request { s, "lua", "sleep", 10 }
                reqs:add { s, "lua", "sleep", 1 }
                reqs:add { s, "lua", "fail" }
                reqs:add { ".nobody", "lua", "x" }
                local order = {}
                for req, resp in reqs:select() do
                    if resp == nil then
                        order[#order + 1] = "invalid:" .. req[1]
                    elseif resp == false then
                        order[#order + 1] = "failed:" .. req[3]
                    else
                        order[#order + 1] = resp[1] .. "/" .. resp.n
                    end
                end
                check.eq("invalid first, then replies as they arrive", check.list(order), "invalid:.nobody,failed:fail,slept 1/1,slept 10/1")

                local batch = skynet.request { s, "lua", "sleep", 1 } { s, "lua", "sleep", 1000 }
                local got = {}
                for req, resp in batch:select(20) do
                    got[#got + 1] = resp[1]
                end
                check.eq("select with timeout stops early", check.list(got), "slept 1")
                check.eq("timeout flag", batch.timeout, true)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "invalid first, then replies as they arrive", "select with timeout stops early", "timeout flag");
        }
    }

    @Test
    void termKillthreadAndIgnoreret() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("slow", SLOW).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local s = skynet.newservice("slow")
                local results = {}
                for i = 1, 2 do
                    skynet.fork(function()
                        local ok, err = pcall(skynet.call, s, "lua", "noreply")
                        results[#results + 1] = tostring(ok) .. " " .. tostring(err):match("call failed")
                    end)
                end
                skynet.sleep(2)
                skynet.term(s)
                skynet.yield()
                check.eq("term fails pending calls", check.list(results), "false call failed,false call failed")
                check.eq("service behind term still alive", skynet.call(s, "lua", "echo"), "echo")

                local finished = false
                local co = skynet.fork(function()
                    skynet.call(s, "lua", "sleep", 1000)
                    finished = true
                end)
                skynet.sleep(2)
                check.eq("killthread of a blocked coroutine", skynet.killthread(co), co)
                skynet.sleep(2)
                check.eq("killed coroutine never resumes", finished, false)
                check.eq("task count back to zero", skynet.task(), 0)
                local queued = skynet.fork(function() finished = true end)
                check.eq("killthread of a queued fork", skynet.killthread(queued), queued)
                skynet.yield()
                check.eq("queued fork never ran", finished, false)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "term fails pending calls", "service behind term still alive", "killthread of a blocked coroutine",
                "killed coroutine never resumes", "task count back to zero", "killthread of a queued fork", "queued fork never ran");
        }
    }

    @Test
    void unknownRequestHandlerAndRedirect() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("echo", ECHO).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local seen
                skynet.dispatch_unknown_request(function(session, source, msg, sz, prototype)
                    seen = prototype .. ":" .. skynet.tostring(msg, sz)
                end)
                skynet.register_protocol { name = "text", id = skynet.PTYPE_TEXT, pack = function(...) return ... end, unpack = skynet.tostring }
                skynet.send(skynet.self(), "text", "hello")
                skynet.yield()
                check.eq("unknown request handler", seen, "0:hello")
                local echo = skynet.newservice("echo")
                local dispatched
                skynet.dispatch("text", function(session, source, text) dispatched = source .. " " .. text end)
                skynet.redirect(skynet.self(), echo, "text", 0, "forged")
                skynet.yield()
                check.eq("redirect forges the source", dispatched, echo .. " forged")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "unknown request handler", "redirect forges the source");
        }
    }

    @Test
    void userCoroutinesMayBlockInSkynetCalls() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("echo", ECHO).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local echo = skynet.newservice("echo")
                local gen = coroutine.wrap(function()
                    for i = 1, 3 do
                        coroutine.yield(skynet.call(echo, "lua", i * 10))
                    end
                end)
                check.eq("generator calling skynet", gen() + gen() + gen(), 60)
                local co = coroutine.create(function(a)
                    local b = coroutine.yield(a + 1)
                    skynet.sleep(1)
                    return b * 2
                end)
                local ok1, v1 = coroutine.resume(co, 1)
                local ok2, v2 = coroutine.resume(co, 21)
                check.eq("resume/yield values", tostring(ok1) .. v1 .. tostring(ok2) .. v2, "true2true42")
                check.eq("dead after return", coroutine.status(co), "dead")
                local running, ismain = coroutine.running()
                check.eq("a request runs in a coroutine", ismain, false)
                local ok, err = coroutine.resume(running)
                check.eq("the framework's coroutine cannot be resumed", ok, false)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "generator calling skynet", "resume/yield values", "dead after return",
                "a request runs in a coroutine", "the framework's coroutine cannot be resumed");
        }
    }

    @Test
    void infoFuncUnknownResponsesAndKillthreadByName() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("informed", """
            local skynet = require "skynet"
            skynet.info_func(function(what) return { asked = what, answer = 42 } end)
            skynet.start(function() end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local s = skynet.newservice("informed")
                local info = skynet.call(s, "debug", "INFO", "status")
                check.eq("info_func answers debug INFO", info.asked .. info.answer, "status42")
                check.eq("debug PING", select("#", skynet.call(s, "debug", "PING")), 0)

                local stray
                skynet.dispatch_unknown_response(function(session, source, msg, sz)
                    stray = session .. " " .. skynet.tostring(msg, sz)
                end)
                skynet.redirect(skynet.self(), s, "response", 99999, "late")
                skynet.yield()
                check.eq("reply for an unknown session", stray, "99999 late")

                local co = skynet.fork(function() skynet.sleep(100000) end)
                skynet.yield()
                local name = tostring(co):match("0x%x+") or tostring(co)
                check.eq("killthread by name", skynet.killthread(name), co)
                check.eq("nothing left suspended", skynet.task(), 0)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "info_func answers debug INFO", "debug PING", "reply for an unknown session",
                "killthread by name", "nothing left suspended");
        }
    }

    static final String BUSY = """
        local skynet = require "skynet"
        local check = require "check"
        skynet.start(function()
            local cpu0 = skynet.stat("cpu")
            local t0 = os.clock()
            local x = 0
            while os.clock() - t0 < 0.05 do x = x + 1 end -- about 50 ms of work in this message
            local spent = skynet.stat("time")
            skynet.sleep(1)
            local spent_after_block = skynet.stat("time")
            print(string.format("STAT cpu_grew=%s time=%.3f after=%.3f message=%d mqlen=%d",
                tostring(skynet.stat("cpu") > cpu0), spent, spent_after_block, skynet.stat("message"), skynet.stat("mqlen")))
            print("DONE")
        end)
        """;

    @Test
    void statCpuAndTimeAccountRunningTime() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", BUSY).start("main")) {
            String line = node.await("STAT ");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("STAT cpu_grew=true time=([0-9.]+) after=([0-9.]+) message=(\\d+) mqlen=0").matcher(line);
            org.junit.jupiter.api.Assertions.assertTrue(m.matches(), line);
            double time = Double.parseDouble(m.group(1));
            org.junit.jupiter.api.Assertions.assertTrue(time >= 0.04, "the busy loop counts: " + line);
            org.junit.jupiter.api.Assertions.assertTrue(Double.parseDouble(m.group(2)) >= time, "time keeps counting after a block: " + line);
        }
    }

    @Test
    void profileFalseTurnsAccountingOff() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("profile", "false").service("main", BUSY).start("main")) {
            String line = node.await("STAT ");
            org.junit.jupiter.api.Assertions.assertTrue(line.startsWith("STAT cpu_grew=false time=0.000 after=0.000"), line);
        }
    }
}
