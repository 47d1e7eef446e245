package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet.forward_type, skynet.filter, skynet.monitor and skynet.memlimit through a real node. */
class StartVariantsTest {
    @TempDir
    Path dir;

    @Test
    void forwardTypeFilterAndExitMonitor() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("forwarder", """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.forward_type({ [skynet.PTYPE_TEXT] = skynet.PTYPE_LUA }, function()
                skynet.dispatch("lua", function(session, source, ...)
                    skynet.retpack("as lua", ...)
                end)
            end)
            """).service("filtered", """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.filter(function(ptype, msg, sz, session, source)
                if ptype == skynet.PTYPE_LUA then
                    msg, sz = skynet.pack("filtered", skynet.unpack(msg, sz))
                end
                return ptype, msg, sz, session, source
            end, function()
                skynet.dispatch("lua", function(session, source, ...)
                    skynet.retpack(...)
                end)
            end)
            """).service("exitmon", """
            local skynet = require "skynet"
            local dead = {}
            skynet.register_protocol {
                name = "client",
                id = skynet.PTYPE_CLIENT,
                unpack = function(...) return ... end,
                dispatch = function(session, source) dead[#dead + 1] = source end,
            }
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.retpack(dead) end)
            end)
            """).service("quitter", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.exit() end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            local check = require "check"
            skynet.memlimit(1024 * 1024)
            skynet.start(function()
                check.eq("memlimit can be called once", skynet.memlimit, nil)
                skynet.register_protocol { name = "text", id = skynet.PTYPE_TEXT, pack = skynet.pack, unpack = skynet.unpack }
                local fwd = skynet.newservice("forwarder")
                local a, b = skynet.call(fwd, "text", "hi")
                check.eq("forward_type dispatches text as lua", a, "as lua")
                check.eq("with its arguments", b, "hi")
                check.eq("unmapped types dispatch as themselves", select(2, skynet.call(fwd, "lua", "x")), "x")
                local f = skynet.newservice("filtered")
                local x, y = skynet.call(f, "lua", "y")
                check.eq("filter rewrites the message", x, "filtered")
                check.eq("filter keeps the rest", y, "y")

                local mon = skynet.monitor("exitmon")
                check.eq("monitor is the unique service", mon, skynet.uniqueservice(true, "exitmon"))
                local q = skynet.newservice("quitter")
                skynet.send(q, "lua", "quit")
                local k = skynet.newservice("quitter")
                skynet.kill(k)
                skynet.sleep(5)
                local dead = skynet.call(mon, "lua", "GET")
                table.sort(dead) -- q exits on its own carrier while k is created and killed: either may come first
                check.eq("monitor heard the exit and the kill", check.list(dead), q .. "," .. k)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "memlimit can be called once", "forward_type dispatches text as lua", "with its arguments",
                "unmapped types dispatch as themselves", "filter rewrites the message", "filter keeps the rest",
                "monitor is the unique service", "monitor heard the exit and the kill");
            assertTrue(node.lines().stream().anyMatch(l -> l.contains("Set memory limit to 1.00 M")), node::output);
        }
    }
}
