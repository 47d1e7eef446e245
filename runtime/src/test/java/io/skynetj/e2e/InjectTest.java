package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.lua.LuaNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inject through the console into live services written the usual way (a local CMD table reached
 * through the "lua" dispatcher): skynet's environment, and beyond skynet: nothing applied unless the
 * patch completes, dry runs, patches and rollback.
 */
class InjectTest {
    @TempDir
    Path dir;

    static final String WORKER = """
        local skynet = require "skynet"
        require "skynet.manager"
        local CMD = {}
        local state = { mode = "normal" }
        function CMD.hello(name) return "hello " .. tostring(name) end
        function CMD.mode() return state.mode end
        function CMD.setmode(m) state.mode = m return m end
        function CMD.global() return tostring(patched_global) end
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd, ...)
                state.requests = (state.requests or 0) + 1
                local f = assert(CMD[cmd], "unknown command")
                skynet.retpack(f(...))
            end)
            skynet.register(".worker")
        end)
        """;

    /** Holds "wait" calls until "release": lets a test keep a patch blocked inside skynet.call. */
    static final String GATE = """
        local skynet = require "skynet"
        require "skynet.manager"
        local waiting = {}
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd)
                if cmd == "wait" then
                    waiting[#waiting + 1] = skynet.response()
                else
                    for _, r in ipairs(waiting) do r(true, "released") end
                    waiting = {}
                    skynet.retpack(true)
                end
            end)
            skynet.register(".gate")
        end)
        """;

    private TestNode start() throws Exception {
        TestNode node = LuaScenario.node(dir).config("console", "127.0.0.1:0")
            .service("worker", WORKER)
            .service("gate", GATE)
            .service("main", """
                local skynet = require "skynet"
                skynet.start(function()
                    skynet.newservice("gate")
                    print("READY " .. skynet.address(skynet.newservice("worker")))
                end)
                """).start("main");
        node.await("READY");
        return node;
    }

    private String patch(String name, String source) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, source);
        return file.toString();
    }

    private static List<String> call(ConsoleConnection c, String expressions) throws Exception {
        return c.command("call .worker " + expressions);
    }

    private static List<String> returns(String value) {
        return List.of("1\t" + value, "n\t1", "<CMD OK>");
    }

    @Test
    void aPatchReplacesACommandOfARunningService() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            assertEquals(returns("hello bob"), call(c, "\"hello\", \"bob\""));
            String file = patch("greet.lua", """
                local CMD = _P.lua.CMD
                local old = CMD.hello
                function CMD.hello(name) return "good day " .. old(name) end
                print("patched", ...)
                print(select("#", ...))
                """);
            List<String> reply = c.command("inject .worker " + file + " a b 3");
            assertEquals(List.of("patched\ta\tb\t3", "3", "applied patch #1 " + file + " " + version(reply) + ": _P.lua.CMD.hello",
                "<CMD OK>"), reply);
            assertEquals(returns("good day hello bob"), call(c, "\"hello\", \"bob\""));
            assertFalse(node.output().contains("patched\ta"), "print inside a patch goes to the console, not stdout");
        }
    }

    /** The version shown in "applied patch #n file <version>: ...". */
    private static String version(List<String> reply) {
        String applied = reply.stream().filter(l -> l.startsWith("applied patch")).findFirst().orElseThrow();
        return applied.split(" ")[4].replace(":", "");
    }

    @Test
    void theShippedExamplePatchChangesTheRunningKvstore() throws Exception {
        Path examples = LuaNode.home().resolve("service-scripts/examples");
        try (TestNode node = LuaScenario.node(dir).config("console", "127.0.0.1:0")
            .config("luaservice", dir + "/?.lua;" + examples + "/?.lua")
            .service("main", """
                local skynet = require "skynet"
                require "skynet.manager"
                skynet.start(function()
                    skynet.name(".kvstore", skynet.newservice("kvstore"))
                    print("READY")
                end)
                """).start("main");
             ConsoleConnection c = ConsoleConnection.open(ready(node))) {
            assertEquals(List.of("n\t1", "<CMD OK>"), c.command("call .kvstore \"GET\", \"missing\""));
            List<String> reply = c.command("inject .kvstore " + examples.resolve("patch_kvstore_get.lua") + " none");
            assertEquals("GET now answers none for missing keys", reply.getFirst(), reply::toString);
            assertEquals("<CMD OK>", reply.getLast());
            assertEquals(returns("none"), c.command("call .kvstore \"GET\", \"missing\""));
            assertEquals(List.of("<CMD OK>"), c.command("call .kvstore \"SET\", \"k\", \"v\"").subList(1, 2));
            assertEquals(returns("v"), c.command("call .kvstore \"GET\", \"k\""));
            assertEquals("<CMD OK>", c.command("rollback .kvstore").getLast());
            assertEquals(List.of("n\t1", "<CMD OK>"), c.command("call .kvstore \"GET\", \"missing\""));
        }
    }

    private static int ready(TestNode node) throws InterruptedException {
        node.await("READY");
        return node.consolePort();
    }

    @Test
    void aPatchThatFailsHalfWayChangesNothing() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            String file = patch("broken.lua", """
                _P.lua.CMD.hello = function() return "broken" end
                _P.lua.CMD.extra = function() return "extra" end
                _U.skynet.sleep(1)
                _G.patched_global = "set"
                table.insert(_P.lua.CMD, "listed")
                print("before the error")
                local nothing
                return nothing.field
                """);
            List<String> reply = c.command("inject .worker " + file);
            assertEquals("before the error", reply.getFirst(), reply::toString);
            assertTrue(reply.get(1).contains("broken.lua:8") && reply.get(1).contains("index"), reply::toString);
            assertEquals(List.of("patch not applied: none of its writes were made", "<CMD Error>"), reply.subList(2, 4));

            assertEquals(returns("hello x"), call(c, "\"hello\", \"x\""));
            assertEquals(returns("nil"), call(c, "\"global\""));
            assertEquals("<CMD Error>", call(c, "\"extra\"").getLast());
            assertEquals(List.of("no patches applied", "<CMD OK>"), c.command("patches .worker"));
        }
    }

    @Test
    void aPatchThatDoesNotCompileIsNotRun() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            String file = patch("syntax.lua", """
                _P.lua.CMD.hello = function() return "never" end
                print("ran")
                local x = = 1
                """);
            List<String> reply = c.command("inject .worker " + file);
            assertEquals(2, reply.size(), reply::toString);
            assertTrue(reply.getFirst().startsWith(file + ":3:"), reply::toString);
            assertEquals("<CMD Error>", reply.get(1));
            assertEquals(returns("hello x"), call(c, "\"hello\", \"x\""));
        }
    }

    @Test
    void aMissingFileIsReportedAsSkynetDoes() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            assertEquals(List.of("Can't open nosuch_patch.lua", "<CMD OK>"), c.command("inject .worker nosuch_patch.lua"));
            assertEquals(List.of("usage: inject [--dry-run] <address> <file> [args...]", "<CMD Error>"), c.command("inject .worker"));
            assertEquals(List.of("call to invalid address :00abcdef", "<CMD Error>"),
                c.command("inject :00abcdef " + patch("p.lua", "print(1)")));
        }
    }

    @Test
    void globalsFallThroughAndOnlyWritesThroughGlobalTablesReachTheService() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            String file = patch("globals.lua", """
                print(type(string.format), SERVICE_NAME)
                local_to_patch = 1
                _G.patched_global = "yes"
                print(local_to_patch, rawget(_G, "local_to_patch"))
                """);
            List<String> reply = c.command("inject .worker " + file);
            assertEquals(List.of("function\tworker", "1\tnil"), reply.subList(0, 2), reply::toString);
            assertEquals("<CMD OK>", reply.getLast());
            assertTrue(reply.get(2).endsWith(": _G.patched_global"), reply::toString);
            assertEquals(returns("yes"), call(c, "\"global\""));
        }
    }

    @Test
    void aPatchMayRewriteEveryEntryOfATableWhileIteratingIt() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            String file = patch("wrap_all.lua", """
                local CMD, wrapped = _P.lua.CMD, {}
                for name, f in pairs(CMD) do
                    CMD[name] = function(...) return "[" .. tostring(f(...)) .. "]" end
                    wrapped[#wrapped + 1] = name
                end
                table.sort(wrapped)
                print(table.concat(wrapped, ","), #CMD)
                """);
            List<String> reply = c.command("inject .worker " + file);
            assertEquals("global,hello,mode,setmode\t0", reply.getFirst(), reply::toString);
            assertEquals(returns("[hello x]"), call(c, "\"hello\", \"x\""));
            assertEquals(returns("[normal]"), call(c, "\"mode\""));
        }
    }

    @Test
    void dryRunReportsTheChangesAndAppliesNone() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            String file = patch("dry.lua", """
                _P.lua.CMD.hello = function() return "dry" end
                _G.patched_global = 42
                print("running dry")
                """);
            assertEquals(List.of("running dry", "dry run: nothing applied; the patch would change:",
                "_P.lua.CMD.hello: function -> function", "_G.patched_global: nil -> 42", "<CMD OK>"),
                c.command("inject --dry-run .worker " + file));
            assertEquals(returns("hello x"), call(c, "\"hello\", \"x\""));
            assertEquals(returns("nil"), call(c, "\"global\""));
            assertEquals(List.of("no patches applied", "<CMD OK>"), c.command("patches .worker"));
        }
    }

    @Test
    void rollbackUndoesTheLastPatchThenTheOneBefore() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            String v1 = patch("v1.lua", "_P.lua.CMD.hello = function(n) return 'v1 ' .. n end");
            String v2 = patch("v2.lua", "_P.lua.CMD.hello = function(n) return 'v2 ' .. n end _G.patched_global = 'v2'");
            assertEquals("<CMD OK>", c.command("inject .worker " + v1).getLast());
            assertEquals("<CMD OK>", c.command("inject .worker " + v2).getLast());
            assertEquals(returns("v2 x"), call(c, "\"hello\", \"x\""));

            List<String> patches = c.command("patches .worker");
            assertEquals(3, patches.size(), patches::toString);
            assertTrue(patches.get(0).matches("#1\t" + Pattern.quote(v1) + "\tversion:[0-9a-f]{12}\t\\S+Z\t_P\\.lua\\.CMD\\.hello"),
                patches::toString);
            assertTrue(patches.get(1).matches("#2\t" + Pattern.quote(v2)
                + "\tversion:[0-9a-f]{12}\t\\S+Z\t_P\\.lua\\.CMD\\.hello _G\\.patched_global"), patches::toString);

            assertEquals(List.of("rolled back patch #2 " + v2 + " " + patches.get(1).split("\t")[2].substring(8),
                "restored _G.patched_global", "restored _P.lua.CMD.hello", "<CMD OK>"), c.command("rollback .worker"));
            assertEquals(returns("v1 x"), call(c, "\"hello\", \"x\""));
            assertEquals(returns("nil"), call(c, "\"global\""));
            assertEquals("<CMD OK>", c.command("rollback .worker").getLast());
            assertEquals(returns("hello x"), call(c, "\"hello\", \"x\""));
            assertEquals(List.of("no patch to roll back", "<CMD Error>"), c.command("rollback .worker"));
        }
    }

    /** Undo data is kept for the newest 16 patches only: older ones stay in effect and listed, but settled. */
    @Test
    void onlyTheNewestPatchesKeepTheirUndoData() throws Exception {
        try (TestNode node = start(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            int total = 20;
            for (int i = 1; i <= total; i++) {
                String file = patch("p" + i + ".lua", "_P.lua.CMD.hello = function(n) return 'p" + i + " ' .. n end");
                assertEquals("<CMD OK>", c.command("inject .worker " + file).getLast());
            }
            List<String> listed = c.command("patches .worker");
            assertEquals(total + 1, listed.size(), listed::toString);
            assertTrue(listed.get(0).startsWith("#1\t"), listed::toString);
            for (int i = total; i > total - 16; i--) {
                assertEquals(returns("p" + i + " x"), call(c, "\"hello\", \"x\""));
                assertEquals("<CMD OK>", c.command("rollback .worker").getLast());
            }
            assertEquals(returns("p4 x"), call(c, "\"hello\", \"x\""), "the newest settled patch stays in effect");
            assertEquals(List.of("no patch to roll back: the 4 older patch(es) in effect are too old (rollback keeps the newest 16)", "<CMD Error>"),
                c.command("rollback .worker"));
        }
    }

    @Test
    void rollbackKeepsValuesTheServiceChangedSince() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("console", "127.0.0.1:0").service("worker", WORKER)
            .service("main", "local skynet = require 'skynet' skynet.start(function() skynet.newservice('worker') print('READY') end)")
            .start("main");
             ConsoleConnection c = ConsoleConnection.open(ready(node))) {
            String file = patch("mode.lua", """
                _P.lua.state.mode = "patched"
                _P.lua.CMD.hello = function(n) return "patched " .. n end
                """);
            assertEquals("<CMD OK>", c.command("inject .worker " + file).getLast());
            assertEquals(returns("patched"), call(c, "\"mode\""));
            assertEquals(returns("changed"), call(c, "\"setmode\", \"changed\""));
            List<String> reply = c.command("rollback .worker");
            assertEquals(List.of("restored _P.lua.CMD.hello", "kept _P.lua.state.mode: changed since the patch", "<CMD OK>"),
                reply.subList(1, 4), reply::toString);
            assertEquals(returns("changed"), call(c, "\"mode\""));
            assertEquals(returns("hello x"), call(c, "\"hello\", \"x\""));
        }
    }

    @Test
    void aBlockedPatchIsInvisibleToOtherRequestsUntilItCompletes() throws Exception {
        try (TestNode node = start();
             ConsoleConnection injecting = ConsoleConnection.open(node.consolePort());
             ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            String file = patch("slow.lua", """
                local skynet = _U.skynet
                _P.lua.CMD.hello = function(n) return "slow " .. n end
                skynet.sleep(1)
                print("gate says", skynet.call(".gate", "lua", "wait"))
                """);
            injecting.send("inject .worker " + file + "\n");
            awaitBlockedInCall(c);
            // the patch is suspended in skynet.call: the service serves other requests with the old code
            assertEquals(returns("hello x"), call(c, "\"hello\", \"x\""));
            assertEquals(returns("true"), c.command("call .gate \"release\""));
            List<String> reply = injecting.reply();
            assertEquals("gate says\treleased", reply.getFirst(), reply::toString);
            assertEquals("<CMD OK>", reply.getLast());
            assertEquals(returns("slow x"), call(c, "\"hello\", \"x\""));
        }
    }

    private static void awaitBlockedInCall(ConsoleConnection c) throws Exception {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        while (c.command("task .worker").stream().noneMatch(l -> l.contains("\tcall to :"))) {
            if (System.nanoTime() > deadline) throw new AssertionError("the patch never blocked in skynet.call");
        }
    }
}
