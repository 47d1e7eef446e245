package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require "skynet.snax": snax services with req/post, init/exit, unique instances and hotfix. */
class SnaxTest {
    @TempDir
    Path dir;

    static final String PINGSERVER = """
        local skynet = require "skynet"
        local i = 0
        local greeting = "hello"

        function response.ping(v)
            skynet.sleep(1)
            return greeting .. " " .. v
        end

        function accept.hello()
            i = i + 1
        end

        function response.count()
            return i
        end

        function response.initargs()
            return table.unpack(initargs)
        end

        function response.fail()
            error "throw an error"
        end

        function init(...)
            initargs = { ... }
        end

        function exit(...)
            print("ping server exit:", ...)
        end
        """;

    /** snax.interface: skynet's method ids (system 1-4, then methods in definition order); snax.profile_info. */
    @Test
    void interfaceIdsAndProfileInfo() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("pingserver", PINGSERVER).service("badsnax", """
            function response.x() end
            function response.x() end
            """).service("main", """
            local skynet = require "skynet"
            local snax = require "skynet.snax"
            local check = require "check"
            skynet.start(function()
                local t = snax.interface("pingserver")
                check.eq("system ids", t.system.init .. t.system.exit .. t.system.hotfix .. t.system.profile, "1234")
                check.eq("method ids in definition order", t.response.ping .. " " .. t.accept.hello .. " " .. t.response.count
                    .. " " .. t.response.initargs .. " " .. t.response.fail, "5 6 7 8 9")
                check.eq("cached", snax.interface("pingserver"), t)
                check.raises("a duplicate method", "response.x duplicate definition", snax.interface, "badsnax")
                local ps = snax.newservice("pingserver")
                ps.req.ping(1)
                ps.req.ping(2)
                local info = snax.profile_info(ps)
                check.eq("profile_info counts calls", info.ping.count, 2)
                check.eq("profile_info times them", math.type(info.ping.time) == "float" and info.ping.time >= 0, true)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "system ids", "method ids in definition order", "cached", "a duplicate method", "profile_info counts calls",
                "profile_info times them");
        }
    }

    /** The console's snax command: snax.newservice(name, args...) from the console, answering "address name". */
    @Test
    void consoleSnaxStartsAService() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("console", "127.0.0.1:0").service("pingserver", PINGSERVER).service("main", """
            local skynet = require "skynet"
            local snax = require "skynet.snax"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, addr)
                    local ps = snax.bind(addr, "pingserver")
                    skynet.retpack(table.concat({ ps.req.initargs() }, ",") .. " " .. ps.req.ping("you"))
                end)
                print("READY " .. skynet.address(skynet.self()))
            end)
            """).start("main");
             ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            String main = node.await("READY ").substring(6);
            java.util.List<String> started = c.command("snax pingserver a b");
            assertTrue(started.getFirst().matches(":[0-9a-f]{8}\\s+pingserver"), started.toString());
            String addr = started.getFirst().split("\\s+")[0];
            String reply = String.join(" ", c.command("call " + main + " " + Long.parseLong(addr.substring(1), 16)));
            assertTrue(reply.contains("a,b hello you"), reply);
            assertTrue(c.command("snax no_such_snax").getLast().equals("<CMD Error>"));
        }
    }

    @Test
    void snaxServicesRequestsPostsHotfixAndExit() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("pingserver", PINGSERVER).service("main", """
            local skynet = require "skynet"
            local snax = require "skynet.snax"
            local check = require "check"
            skynet.start(function()
                local ps = snax.newservice("pingserver", "hello world", 42)
                check.eq("type", ps.type, "pingserver")
                local a, b = ps.req.initargs()
                check.eq("init got its arguments", a, "hello world")
                check.eq("with their types", b, 42)
                ps.post.hello()
                ps.post.hello()
                check.eq("posts ran", ps.req.count(), 2)
                check.eq("req returns", ps.req.ping("x"), "hello x")
                check.raises("an error in a response fails the call", "call failed", ps.req.fail)
                check.raises("an unknown method raises when looked up, as skynet's", "request pingserver:nothing no exist", function() return ps.req.nothing end)
                check.raises("an unknown post too", "post pingserver:nothing no exist", function() return ps.post.nothing end)
                check.eq("the object prints as skynet's", tostring(ps), string.format("[pingserver:%x]", ps.handle))

                local old, arg = snax.hotfix(ps, [[
                    local i
                    local greeting
                    function response.ping(v)
                        return "patched " .. greeting .. " " .. v .. " " .. i
                    end
                    function hotfix(...)
                        local old = i
                        i = 100
                        greeting = "hi"
                        return old, ...
                    end
                ]], "arg")
                check.eq("hotfix sees the service's upvalue", old, 2)
                check.eq("hotfix gets its arguments", arg, "arg")
                check.eq("patched response with joined upvalues", ps.req.ping("y"), "patched hi y 100")
                ps.post.hello()
                check.eq("unpatched functions share the joined upvalue", ps.req.count(), 101)
                check.raises("a patch that does not compile", "call failed", snax.hotfix, ps, "function (")

                local u1 = snax.uniqueservice("pingserver", "unique")
                local u2 = snax.queryservice("pingserver")
                check.eq("uniqueservice and queryservice agree", u1.handle, u2.handle)
                check.ok("unique is another instance", u1.handle ~= ps.handle, u1.handle)
                check.eq("unique init ran", (u1.req.initargs()), "unique")

                snax.kill(ps, "bye")
                check.raises("killed service is gone", "call", ps.req.count)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "type", "init got its arguments", "with their types", "posts ran", "req returns",
                "an error in a response fails the call", "an unknown method raises when looked up, as skynet's",
                "an unknown post too", "the object prints as skynet's", "hotfix sees the service's upvalue",
                "hotfix gets its arguments", "patched response with joined upvalues", "unpatched functions share the joined upvalue",
                "a patch that does not compile", "uniqueservice and queryservice agree", "unique is another instance",
                "unique init ran", "killed service is gone");
            assertTrue(node.lines().contains("ping server exit:\tbye"), node::output);
        }
    }

    /** snax.enablecluster (requests as "lua" messages, as a cluster proxy sends them) and the per-method profile in debug INFO. */
    @Test
    void enableclusterAndProfile() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("clustered", """
            local snax = require "skynet.snax"
            function response.echo(v) return v end
            function accept.note() end
            function init() snax.enablecluster() end
            """).service("main", """
            local skynet = require "skynet"
            local snax = require "skynet.snax"
            local check = require "check"
            skynet.start(function()
                local obj = snax.newservice("clustered")
                check.eq("request as a lua message", skynet.call(obj.handle, "lua", snax.interface("clustered").response.echo, "hi"), "hi")
                obj.post.note()
                check.eq("snax request still", obj.req.echo("again"), "again")
                local info = skynet.call(obj.handle, "debug", "INFO")
                check.eq("profile counts", info.echo.count .. " " .. info.note.count, "2 1")
                check.ok("profile times", type(info.echo.time) == "number" and info.echo.time >= 0, tostring(info.echo.time))
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "request as a lua message", "snax request still", "profile counts", "profile times");
        }
    }
}
