package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet.core's command, intcommand, addresscommand, harbor and trace, as skynet's lua-skynet.c answers them. */
class CoreCommandsTest {
    @TempDir
    Path dir;

    private static final String MAIN = """
            local skynet = require "skynet"
            local c = require "skynet.core"
            local check = require "check"
            skynet.start(function()
                local me = skynet.self()
                check.eq("REG", c.command("REG"), string.format(":%x", me))
                check.eq("REG .name", c.command("REG", ".main1"), "main1")
                check.eq("REG a taken name", c.command("REG", ".main1"), nil)
                check.eq("REG a global name", c.command("REG", "global"), nil)
                check.eq("QUERY", c.command("QUERY", ".main1"), string.format(":%x", me))
                check.eq("QUERY nobody", c.command("QUERY", ".nobody"), nil)
                check.eq("NAME", c.command("NAME", string.format(".main2 :%x", me)), "main2")
                check.eq("NAME bound", skynet.localname(".main2"), me)
                check.eq("addresscommand REG", c.addresscommand("REG"), me)
                check.eq("addresscommand, no address", c.addresscommand("STARTTIME"), nil)

                local launched = c.command("LAUNCH", "snlua child")
                check.ok("LAUNCH gives :XXXXXXXX", launched and launched:match("^:%x%x%x%x%x%x%x%x$") and launched == launched:upper(), launched)
                local child = c.addresscommand("LAUNCH", "snlua child")
                for _ = 1, 1000 do
                    if c.command("GETENV", "ready_" .. child) then break end
                    skynet.sleep(1)
                end
                check.eq("addresscommand LAUNCH", skynet.call(child, "lua", "ping"), "pong")
                check.eq("LAUNCH nothing there", c.command("LAUNCH", "snlua no_such_service"), nil)
                check.eq("LAUNCH not snlua", c.command("LAUNCH", "harbor 1"), nil)

                check.eq("GETENV unknown", c.command("GETENV", "no_such_key"), nil)
                check.eq("SETENV", c.command("SETENV", "libs3_key some value"), nil)
                check.eq("GETENV", c.command("GETENV", "libs3_key"), "some value")
                check.eq("skynet.getenv sees it", skynet.getenv("libs3_key"), "some value")
                check.raises("SETENV twice", "libs3_key", c.command, "SETENV", "libs3_key again")
                check.eq("STARTTIME", c.command("STARTTIME"), tostring(skynet.starttime()))
                check.eq("intcommand STARTTIME", c.intcommand("STARTTIME"), skynet.starttime())
                check.eq("intcommand gives an integer", math.type(c.intcommand("STAT", "mqlen")), "integer")
                check.ok("STAT message", c.intcommand("STAT", "message") >= 1)
                check.ok("STAT cpu", c.command("STAT", "cpu"):match("^%d+%.%d%d%d%d%d%d$"), c.command("STAT", "cpu"))
                check.eq("intcommand STAT cpu is a float", math.type(c.intcommand("STAT", "cpu")), "float")
                check.eq("STAT other", c.command("STAT", "what"), "")
                check.raises("intcommand, not a number", "Invalid result :", c.intcommand, "REG")
                check.eq("unknown command", c.command("NOSUCH", "x"), nil)

                local sink = skynet.newservice("sink")
                check.eq("MONITOR unset", c.command("MONITOR"), nil)
                c.command("MONITOR", skynet.address(sink))
                check.eq("MONITOR", c.command("MONITOR"), string.format(":%x", sink))
                c.command("KILL", string.format(":%x", child))
                check.raises("KILL", "call to invalid address", skynet.call, child, "lua", "ping")

                local spinner = skynet.newservice("child")
                skynet.call(spinner, "lua", "spin")
                c.command("SIGNAL", skynet.address(spinner) .. " 0")
                check.eq("SIGNAL interrupts the running loop", skynet.call(spinner, "lua", "ping"), "pong")
                c.command("LOGON", skynet.address(spinner))
                c.command("LOGOFF", skynet.address(spinner))
                skynet.send(spinner, "lua", "exit")

                local h, remote = c.harbor(me)
                check.eq("harbor of a local address", tostring(h) .. " " .. tostring(remote), "0 false")
                h, remote = c.harbor(0x03000010)
                check.eq("harbor of another harbor's address", tostring(h) .. " " .. tostring(remote), "3 true")

                c.trace("tag-a", "plain")
                c.trace("tag-b", "where", 1)
                c.trace("tag-c", "thread", coroutine.running(), 1)
                print("DONE")
            end)
            """;

    /** The line of MAIN that contains text (1-based). */
    private static int lineOf(String text) {
        String[] lines = MAIN.split("\n");
        for (int i = 0; i < lines.length; i++) if (lines[i].contains(text)) return i + 1;
        throw new AssertionError(text);
    }

    @Test
    void commandsAnswerAsSkynets() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("child", """
            local skynet = require "skynet"
            local c = require "skynet.core"
            skynet.start(function()
                skynet.setenv("ready_" .. skynet.self(), "yes") -- a service LAUNCH started runs its start later
                skynet.dispatch("lua", function(_, _, cmd)
                    if cmd == "spin" then
                        skynet.ret(skynet.pack("started"))
                        while true do end
                    elseif cmd == "exit" then
                        c.command("EXIT")
                    else
                        skynet.ret(skynet.pack("pong"))
                    end
                end)
            end)
            """).service("sink", """
            local skynet = require "skynet"
            skynet.register_protocol { name = "client", id = skynet.PTYPE_CLIENT, unpack = function() end,
                dispatch = function(_, source) print("EXITED " .. skynet.address(source)) end }
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.ret() end)
            end)
            """).service("main", MAIN).config("logpath", dir.toString()).start("main")) {
            assertPassed(node, "REG", "REG .name", "REG a taken name", "REG a global name", "QUERY", "QUERY nobody", "NAME",
                "NAME bound", "addresscommand REG", "addresscommand, no address", "LAUNCH gives :XXXXXXXX",
                "addresscommand LAUNCH", "LAUNCH nothing there", "LAUNCH not snlua", "GETENV unknown", "SETENV", "GETENV",
                "skynet.getenv sees it", "SETENV twice", "STARTTIME", "intcommand STARTTIME", "intcommand gives an integer",
                "STAT message", "STAT cpu", "intcommand STAT cpu is a float", "STAT other", "intcommand, not a number",
                "unknown command", "MONITOR unset", "MONITOR", "KILL", "SIGNAL interrupts the running loop",
                "harbor of a local address", "harbor of another harbor's address");
            assertTrue(node.await("error: Can't register global name global in C").contains("global"));
            assertTrue(node.await("EXITED").contains("EXITED :"));
            assertTrue(node.output().matches("(?s).*<TRACE tag-a> \\d+ plain\\n.*"), node::output);
            String where = node.await("<TRACE tag-b>");
            assertTrue(where.matches(".*<TRACE tag-b> \\d+ where : \\S*main\\.lua:" + lineOf("tag-b") + "( .*)?"), where);
            String thread = node.await("<TRACE tag-c>");
            assertTrue(thread.matches(".*<TRACE tag-c> \\d+ thread : \\S*main\\.lua:" + lineOf("tag-c") + "( .*)?"), thread);
        }
    }

    @Test
    void abortEndsTheNode() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local c = require "skynet.core"
            skynet.start(function()
                c.command("ABORT")
            end)
            """).start("main")) {
            assertEquals(0, node.awaitExit());
        }
    }

    /** skynet's log lines for a service's life: LAUNCH by the new service, KILL :x by its killer, KILL self on exit. */
    @Test
    void servicesStartedAndEndedAreLoggedAsSkynetLogsThem() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("idle", """
                local skynet = require "skynet"
                local mode = ...
                skynet.start(function()
                    if mode == "exit" then skynet.fork(skynet.exit) end -- once newservice has its address
                end)
                """)
            .service("main", """
                local skynet = require "skynet"
                require "skynet.manager"
                skynet.start(function()
                    local killed = skynet.newservice("idle", "stay")
                    skynet.kill(killed)
                    local exits = skynet.newservice("idle", "exit")
                    print(string.format("killed=%08x exits=%08x me=%08x", killed, exits, skynet.self()))
                end)
                """)
            .start("main")) {
            String[] ids = node.await("killed=").replaceAll(".*killed=", "").split(" ");
            String killed = ids[0], exits = ids[1].substring("exits=".length()), me = ids[2].substring("me=".length());
            node.await("[:" + killed + "] LAUNCH snlua idle stay");
            node.await("[:" + me + "] KILL :" + Integer.toHexString(Integer.parseInt(killed, 16)));
            node.await("[:" + exits + "] LAUNCH snlua idle exit");
            node.await("[:" + exits + "] KILL self");
        }
    }
}
