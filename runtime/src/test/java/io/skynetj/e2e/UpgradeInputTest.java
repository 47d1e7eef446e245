package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades given bad input change nothing; versions a service declares, a history that rollback
 * walks back step by step or to a named version; a new instance's forks and timers run only once its
 * restore succeeded.
 */
class UpgradeInputTest {
    @TempDir
    Path dir;

    /**
     * A counter declaring {@code version}; its start function forks and arms a timer that report to
     * {@code .main} which version ran them and what total they saw (the restored one, or 0 before).
     */
    static String counter(String version, String restoreExtra) {
        return """
            local skynet = require "skynet"
            local upgrade = require "skynet.upgrade"
            local VERSION = "%s"
            local state = { total = 0, from = {} }
            upgrade.hooks {
                version = VERSION,
                snapshot = function() return state end,
                restore = function(old, from)
                    %s
                    state = old
                    state.from[#state.from + 1] = tostring(from)
                end,
            }
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd)
                    if cmd == "hit" then state.total = state.total + 1 end
                    skynet.retpack(VERSION .. ":" .. state.total, table.concat(state.from, ","))
                end)
                skynet.fork(function() skynet.send(".main", "lua", "fork", VERSION, state.total) end)
                skynet.timeout(0, function() skynet.send(".main", "lua", "timer", VERSION, state.total) end)
            end)
            """.formatted(version, restoreExtra);
    }

    static final String MAIN = """
        local skynet = require "skynet"
        require "skynet.manager"
        local upgrade = require "skynet.upgrade"
        local check = require "check"
        local install = require "install"
        local ran = {}
        local function summary(report) return report:match("[^\\n]*$") end
        skynet.start(function()
            skynet.register(".main")
            skynet.dispatch("lua", function(_, _, kind, version, total)
                ran[#ran + 1] = kind .. ":" .. version .. ":" .. total
            end)
            install("v1")
            upgrade.newservice(".counter", "counter")
            skynet.call(".counter", "lua", "hit")
            check.raises("an unknown upgrade option is an error", "unknown upgrade option 'forse'", upgrade.upgrade, ".counter", { forse = true })

            install("badrestore")
            local ok, report = upgrade.upgrade(".counter")
            check.ok("a failed restore says nothing changed", not ok and summary(report):find("NOT upgraded: nothing changed, version v1 goes on"), report)
            install("v2")
            ok, report = upgrade.upgrade(".counter")
            check.eq("upgrade to v2", summary(report):match("^.counter upgraded from version v1 to v2 in "), ".counter upgraded from version v1 to v2 in ")
            local now, from = skynet.call(".counter", "lua", "get")
            check.eq("restore gets the version the old code declared", now .. " " .. from, "v2:1 v1")
            while #ran < 4 do skynet.sleep(1) end
            table.sort(ran)
            check.eq("forks and timers of a new instance run after its restore, never in a rolled-back one",
                table.concat(ran, " "), "fork:v1:0 fork:v2:1 timer:v1:0 timer:v2:1")
            install("v3")
            check.ok("upgrade to v3", (upgrade.upgrade(".counter")))
            check.eq("list shows the history newest first", table.concat(upgrade.list()[1].history, ","), "v2,v1")

            ok, report = upgrade.rollback(".counter")
            check.eq("a rollback says it rolled back", summary(report):match("^.counter rolled back from version v3 to v2 in "), ".counter rolled back from version v3 to v2 in ")
            check.eq("first rollback runs v2", (skynet.call(".counter", "lua", "get")), "v2:1")
            ok, report = upgrade.rollback(".counter")
            check.ok("a second rollback steps further back", ok and (skynet.call(".counter", "lua", "get")) == "v1:1", report)
            ok, report = upgrade.rollback(".counter")
            check.ok("no third rollback: the history is used up", not ok and report:find("no earlier version of .counter"), report)
            check.eq("still v1", (skynet.call(".counter", "lua", "get")), "v1:1")

            install("v2")
            upgrade.upgrade(".counter")
            install("v3")
            upgrade.upgrade(".counter")
            ok, report = upgrade.rollback(".counter", { version = "v1" })
            check.ok("rollback to a named version", ok and (skynet.call(".counter", "lua", "get")) == "v1:1", report)
            ok, report = upgrade.rollback(".counter", { version = "v9" })
            check.ok("rollback to a version not in the history", not ok and report:find("no version v9"), report)
            print("DONE")
        end)
        """;

    @Test
    void versionsHistoryAndHeldBackgroundWork() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("counter_v1", counter("v1", ""))
            .service("counter_v2", counter("v2", ""))
            .service("counter_v3", counter("v3", ""))
            .service("counter_badrestore", counter("bad", "error('cannot restore')"))
            .service("install", UpgradeTest.INSTALL)
            .service("main", MAIN)
            .config("testdir", dir.toString())) {
            node.start("main");
            assertPassed(node, "an unknown upgrade option is an error", "a failed restore says nothing changed", "upgrade to v2",
                "restore gets the version the old code declared", "forks and timers of a new instance run after its restore, never in a rolled-back one",
                "upgrade to v3", "list shows the history newest first", "a rollback says it rolled back", "first rollback runs v2",
                "a second rollback steps further back", "no third rollback: the history is used up", "still v1",
                "rollback to a named version", "rollback to a version not in the history");
        }
    }

    @Test
    void badConsoleInputChangesNothingAndTheCliSendsAbsolutePaths() throws Exception {
        TestNode node = LuaScenario.node(dir)
            .service("counter", counter("v1", ""))
            .service("counter_v2", counter("v2", ""))
            .service("main", """
                local skynet = require "skynet"
                require "skynet.manager"
                local upgrade = require "skynet.upgrade"
                skynet.start(function()
                    skynet.register(".main")
                    skynet.dispatch("lua", function() end)
                    upgrade.newservice(".counter", "counter")
                    skynet.call(".counter", "lua", "hit")
                    print("READY")
                end)
                """)
            .config("console", "127.0.0.1:0");
        try (node) {
            node.start("main");
            node.await("READY");
            Files.copy(dir.resolve("counter_v2.lua"), dir.resolve("counter.lua"), StandardCopyOption.REPLACE_EXISTING);
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                String before = managedLine(c);
                assertEquals(List.of("unknown option --forse (upgrade knows --force and --drain cs); nothing was changed", "<CMD Error>"),
                    c.command("upgrade .counter --forse"));
                assertEquals(List.of("--drain needs a number of centiseconds", "<CMD Error>"), c.command("upgrade .counter --drain"));
                List<String> nofile = c.command("upgrade .counter " + dir.resolve("nosuch.lua"));
                assertEquals("<CMD Error>", nofile.getLast(), nofile::toString);
                assertTrue(nofile.stream().anyMatch(l -> l.contains("files FAILED: " + dir.resolve("nosuch.lua") + " matches no file .counter loaded")), nofile::toString);
                assertTrue(nofile.get(nofile.size() - 2).startsWith(".counter NOT upgraded: nothing changed, version v1 goes on"), nofile::toString);
                assertEquals(before, managedLine(c), "same instance, same version");
                assertEquals(List.of("1\tv1:1", "2\t", "n\t2", "<CMD OK>"), c.command("call .counter \"get\""));

                // the CLI, run in the service's directory with a relative file name, sends its full path
                String java = ProcessHandle.current().info().command().orElse("java");
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.skynetj.cli.Main",
                    "upgrade", ".counter", "counter.lua", "--console", "127.0.0.1:" + node.consolePort())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
                assertTrue(p.waitFor(TestNode.DEADLINE.toSeconds(), TimeUnit.SECONDS), "the CLI did not finish");
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.contains(".counter upgraded from version v1 to v2"), out);
                assertEquals(List.of("1\tv2:1", "2\tv1", "n\t2", "<CMD OK>"), c.command("call .counter \"get\""));
            }
        }
    }

    private static String managedLine(ConsoleConnection c) throws Exception {
        return c.command("list").stream().filter(l -> l.contains("managed .counter")).findFirst().orElseThrow();
    }
}
