package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debug console over real TCP connections to a real node: skynet's line protocol, HTTP form, commands. */
class ConsoleTest {
    @TempDir
    Path dir;

    static final String WORKER = """
        local skynet = require "skynet"
        require "skynet.manager"
        local CMD = {}
        local count = 0
        function CMD.hello(name) return "hello " .. tostring(name) end
        function CMD.add(a, b) return a + b end
        function CMD.hang() skynet.sleep(100000) return "late" end
        skynet.info_func(function(...) return { args = table.concat({ ... }, ","), count = count } end)
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd, ...)
                count = count + 1
                skynet.retpack(CMD[cmd](...))
            end)
            skynet.register(".worker")
        end)
        """;

    static final String MAIN = """
        local skynet = require "skynet"
        skynet.start(function()
            local w = skynet.newservice("worker")
            print("READY " .. skynet.address(w))
        end)
        """;

    static TestNode nodeWithConsole(Path dir) throws IOException {
        return LuaScenario.node(dir).config("console", "127.0.0.1:0").service("worker", WORKER).service("echo", """
            local skynet = require "skynet"
            skynet.start(function() skynet.dispatch("lua", function(_, _, ...) skynet.retpack(...) end) end)
            """);
    }

    /** The address printed after READY. */
    static String ready(TestNode node) throws InterruptedException {
        return node.await("READY ").substring("READY ".length());
    }

    @Test
    void greetingHelpListAndUnknownCommands() throws Exception {
        try (TestNode node = nodeWithConsole(dir).service("main", MAIN).start("main")) {
            String worker = ready(node);
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                List<String> help = c.command("help");
                assertEquals("<CMD OK>", help.getLast());
                for (String cmd : List.of("list", "stat", "mem", "gc", "info", "exit", "kill", "start", "clearcache", "inject",
                    "task", "uniqtask", "killtask", "ping", "call", "getenv", "setenv", "service", "dbgcmd", "patches", "rollback"))
                    assertTrue(help.stream().anyMatch(l -> l.startsWith(cmd + "\t")), () -> cmd + " missing from help: " + help);

                List<String> list = c.command("list");
                assertTrue(list.contains(worker + "\tsnlua worker"), list::toString);
                assertTrue(list.contains(":00000003\tsnlua launcher"), list::toString);
                assertTrue(list.stream().anyMatch(l -> l.contains("\tdebug_console 127.0.0.1:" + node.consolePort())), list::toString);
                assertEquals("<CMD OK>", list.getLast());

                assertEquals(List.of("Invalid command, type help for command list", "", "<CMD Error>"), c.command("nosuch thing"));
                c.send("\n  \n\r\n"); // blank lines are ignored, as in skynet
                assertEquals(List.of("thread\tnil", "<CMD OK>"), c.command("getenv thread"));
                assertEquals(List.of("usage: ping <address>", "<CMD Error>"), c.command("ping"));
                List<String> totals = c.command("info"); // without an address: the node's totals
                assertTrue(totals.get(0).matches("services\t\\d+") && totals.get(1).equals("sockets\t0"), totals::toString);
            }
        }
    }

    @Test
    void newserviceStartsAConsoleAsInSkynet() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("worker", WORKER).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.newservice("worker")
                local console = skynet.newservice("debug_console", "127.0.0.1", 0)
                print("CONSOLE " .. skynet.address(console))
                local ok, err = pcall(skynet.newservice, "debug_console", "0.0.0.0", 0)
                print("PUBLIC " .. tostring(ok) .. " " .. tostring(err))
            end)
            """).start("main")) {
            String console = node.await("CONSOLE ").substring("CONSOLE ".length());
            Matcher m = Pattern.compile("Start debug console at 127\\.0\\.0\\.1:(\\d+)").matcher(node.await("Start debug console at"));
            assertTrue(m.find());
            try (ConsoleConnection c = ConsoleConnection.open(Integer.parseInt(m.group(1)))) {
                List<String> list = c.command("list");
                assertTrue(list.contains(console + "\tdebug_console 127.0.0.1:" + m.group(1)), list::toString);
            }
            String refused = node.await("PUBLIC ");
            assertTrue(refused.startsWith("PUBLIC false") && refused.contains("set console_token"), refused);
        }
    }

    @Test
    void addressesAreReadAsSkynetReadsThem() throws Exception {
        try (TestNode node = nodeWithConsole(dir).service("main", MAIN).start("main")) {
            String worker = ready(node);
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                for (String form : List.of(".worker", worker, worker.substring(1), worker.substring(1).replaceFirst("^0+", ""))) {
                    List<String> pong = c.command("ping " + form);
                    assertEquals("<CMD OK>", pong.getLast(), () -> form + ": " + pong);
                    assertTrue(pong.getFirst().matches("\\d+"), pong::toString);
                }
                assertEquals(List.of("Not a valid name: .nobody", "<CMD Error>"), c.command("ping .nobody"));
                assertEquals(List.of("Need an address (.name, :0000000a or hex), not zz!", "<CMD Error>"), c.command("ping zz!"));
                assertEquals(List.of("call to invalid address :00abcdef", "<CMD Error>"), c.command("ping :00abcdef"));
            }
        }
    }

    @Test
    void commandsAboutServicesAndTheNode() throws Exception {
        try (TestNode node = nodeWithConsole(dir).service("uniq", """
            local skynet = require "skynet"
            skynet.start(function() end)
            """).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                local w = skynet.newservice("worker")
                local u = skynet.uniqueservice("uniq")
                print("UNIQ " .. skynet.address(u))
                print("READY " .. skynet.address(w))
            end)
            """).start("main")) {
            String worker = ready(node);
            String uniq = node.await("UNIQ ").substring(5);
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                assertTrue(c.command("stat").stream().anyMatch(l -> l.matches(worker + "\tcpu:\\d+\\.\\d{6}\tmessage:\\d+\tmqlen:\\d+\ttask:\\d+")));
                assertTrue(c.command("mem").stream().anyMatch(l -> l.matches(worker + "\t[0-9.]+ Kb \\(snlua worker\\)")));
                assertTrue(c.command("gc").stream().anyMatch(l -> l.matches(worker + "\t[0-9.]+ Kb \\(snlua worker\\)")));
                assertEquals(List.of("uniq\t" + uniq, "<CMD OK>"), c.command("service"));

                assertEquals(List.of("1\t5", "n\t1", "<CMD OK>"), c.command("call .worker \"add\", 2, 3"));
                assertEquals(List.of("1\thello {x}", "n\t1", "<CMD OK>"), c.command("call .worker \"hello\", \"{x}\""));
                List<String> bad = c.command("call .worker \"add\", (");
                assertEquals("<CMD Error>", bad.getLast(), bad::toString);
                List<String> info = c.command("info .worker a b");
                assertEquals("args\ta,b", info.getFirst(), info::toString);
                assertTrue(info.get(1).matches("count\t\\d+"), info::toString);

                // skynet's console drops the connection on a boolean result; ours prints it
                assertEquals(List.of("true", "<CMD OK>"), c.command("dbgcmd .worker SUPPORT lua"));
                assertEquals(List.of("false", "<CMD OK>"), c.command("dbgcmd .worker SUPPORT nosuch"));

                assertEquals(List.of("<CMD OK>"), c.command("setenv console_test yes"));
                assertEquals(List.of("console_test\tyes", "<CMD OK>"), c.command("getenv console_test"));
                assertEquals(List.of("Can't setenv exist key : console_test", "<CMD Error>"), c.command("setenv console_test no"));

                List<String> started = c.command("start echo");
                assertEquals("<CMD OK>", started.getLast(), started::toString);
                String echo = started.getFirst().split("\t")[0];
                assertEquals(echo + "\techo", started.getFirst());
                assertEquals(List.of("1\thi", "n\t1", "<CMD OK>"), c.command("call " + echo + " \"hi\""));
                List<String> failed = c.command("start nosuchservice");
                assertTrue(failed.getFirst().startsWith("Failed\t") && failed.getFirst().contains("nosuchservice"), failed::toString);
                assertEquals("<CMD Error>", failed.getLast());

                assertEquals(List.of(echo + "\tsnlua echo", "<CMD OK>"), c.command("kill " + echo));
                assertFalse(c.command("list").stream().anyMatch(l -> l.startsWith(echo)));
                assertEquals(List.of("call to invalid address " + echo, "<CMD Error>"), c.command("ping " + echo));

                assertEquals(List.of("<CMD OK>"), c.command("exit " + uniq));
                awaitGone(c, uniq);
                List<String> cleared = c.command("clearcache");
                assertTrue(cleared.getFirst().matches("cleared \\d+ cached file\\(s\\)"), cleared::toString);
                assertEquals("<CMD OK>", cleared.getLast());
            }
        }
    }

    @Test
    void clearcacheOfOneFileMakesNewInstancesLoadItsNewVersion() throws Exception {
        try (TestNode node = nodeWithConsole(dir).service("main", MAIN).service("greeter", greeter("v1")).start("main")) {
            ready(node);
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                String first = c.command("start greeter").getFirst().split("\t")[0];
                assertEquals(List.of("1\tv1", "n\t1", "<CMD OK>"), c.command("call " + first + " \"hi\""));
                java.nio.file.Files.writeString(dir.resolve("greeter.lua"), greeter("v2"));
                String cached = c.command("start greeter").getFirst().split("\t")[0];
                assertEquals(List.of("1\tv1", "n\t1", "<CMD OK>"), c.command("call " + cached + " \"hi\""), "served from the cache");
                assertEquals(List.of("cleared 1 cached file(s)", "<CMD OK>"), c.command("clearcache " + dir.resolve("greeter.lua")));
                String fresh = c.command("start greeter").getFirst().split("\t")[0];
                assertEquals(List.of("1\tv2", "n\t1", "<CMD OK>"), c.command("call " + fresh + " \"hi\""));
                assertEquals(List.of("1\tv1", "n\t1", "<CMD OK>"), c.command("call " + first + " \"hi\""), "running instances keep their code");
                List<String> oldFiles = c.command("versions " + first);
                assertTrue(oldFiles.stream().anyMatch(l -> l.startsWith(dir.resolve("greeter.lua") + "\t") && l.contains("\tOLD (disk: ")), oldFiles::toString);
                assertTrue(c.command("versions " + fresh).stream().anyMatch(l -> l.startsWith(dir.resolve("greeter.lua") + "\t") && l.endsWith("\tcurrent")));
                List<String> summary = c.command("versions");
                assertTrue(summary.stream().anyMatch(l -> l.startsWith(first + "\t") && l.contains(" files, 1 old\tsnlua greeter")), summary::toString);
                assertTrue(summary.stream().anyMatch(l -> l.startsWith(fresh + "\t") && l.contains(" files, 0 old\tsnlua greeter")), summary::toString);
                assertEquals(List.of("cleared 0 cached file(s)", "<CMD OK>"), c.command("clearcache " + dir.resolve("nothing-here")));
            }
        }
    }

    private static String greeter(String version) {
        return """
            local skynet = require "skynet"
            skynet.start(function() skynet.dispatch("lua", function() skynet.retpack("%s") end) end)
            """.formatted(version);
    }

    private static void awaitGone(ConsoleConnection c, String address) throws Exception {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        while (c.command("list").stream().anyMatch(l -> l.startsWith(address + "\t"))) {
            if (System.nanoTime() > deadline) throw new AssertionError(address + " is still listed");
            Thread.onSpinWait();
        }
    }

    @Test
    void taskShowsWhatSuspendedCoroutinesWaitForAndKilltaskEndsOne() throws Exception {
        try (TestNode node = nodeWithConsole(dir).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                local w = skynet.newservice("worker")
                skynet.fork(function()
                    print("HANG " .. tostring((pcall(skynet.call, w, "lua", "hang"))))
                end)
                print("READY " .. skynet.address(w))
            end)
            """).start("main")) {
            ready(node);
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                List<String> tasks = awaitTask(c);
                String entry = tasks.getFirst();
                assertTrue(entry.matches("thread: \\w+ session: \\d+\tsleep \\(serving request session \\d+ from :\\w+\\)"), entry);
                List<String> uniq = c.command("uniqtask .worker");
                assertTrue(uniq.getFirst().matches("1\tsessions:\\[\\d+]\tsleep \\(serving a request\\)"), uniq::toString);

                String thread = entry.substring(0, entry.indexOf(" session:"));
                assertEquals(List.of("Not found", "<CMD OK>"), c.command("killtask .worker nosuchthread"));
                assertEquals(List.of("Killed " + thread, "<CMD OK>"), c.command("killtask .worker " + thread));
                node.await("HANG false");
                assertEquals(List.of("<CMD OK>"), c.command("task .worker"));
            }
        }
    }

    private static List<String> awaitTask(ConsoleConnection c) throws Exception {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        for (;;) {
            List<String> tasks = c.command("task .worker");
            if (tasks.size() > 1) return tasks;
            if (System.nanoTime() > deadline) throw new AssertionError("no suspended task appeared");
        }
    }

    @Test
    void garbageAndHugeLinesLeaveTheNodeUnharmed() throws Exception {
        try (TestNode node = nodeWithConsole(dir).service("main", MAIN).start("main")) {
            ready(node);
            int port = node.consolePort();
            try (ConsoleConnection c = ConsoleConnection.open(port)) {
                c.send(new byte[] {0, (byte) 0xff, (byte) 0xfe, 7, '\n'});
                assertEquals(List.of("Invalid command, type help for command list", "", "<CMD Error>"), c.reply());
                assertEquals(List.of("1\t2", "n\t1", "<CMD OK>"), c.command("call .worker \"add\", 1, 1"));
            }
            try (ConsoleConnection c = ConsoleConnection.open(port)) {
                c.send("a".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
                List<String> rest = c.readToEnd();
                assertEquals(2, rest.size(), rest::toString);
                assertTrue(rest.getFirst().startsWith("Line too long"), rest::toString);
                assertEquals("<CMD Error>", rest.get(1));
            }
            try (ConsoleConnection c = ConsoleConnection.open(port)) {
                assertEquals(List.of("1\t2", "n\t1", "<CMD OK>"), c.command("call .worker \"add\", 1, 1"));
            }
        }
    }

    @Test
    void theConsoleAnswersWhileLuaServicesHogEveryCarrierThread() throws Exception {
        // Surefire runs with 2 carrier threads; each hog busy-loops on one for 2 seconds.
        try (TestNode node = nodeWithConsole(dir).service("hog", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.timeout(0, function()
                    print("HOG RUNNING " .. skynet.address(skynet.self()))
                    local stop = os.clock() + 2
                    while os.clock() < stop do end
                    print("HOG DONE")
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.newservice("hog")
                skynet.newservice("hog")
            end)
            """).start("main")) {
            node.awaitLine(l -> node.lines().stream().filter(x -> x.startsWith("HOG RUNNING")).count() == 2, "two hogs running");
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                List<String> list = c.command("list");
                List<String> stat = c.command("stat");
                assertFalse(node.output().contains("HOG DONE"), "the hogs finished before the console answered; the test proves nothing");
                assertTrue(list.stream().filter(l -> l.endsWith("\tsnlua hog")).count() == 2, list::toString);
                assertEquals("<CMD OK>", stat.getLast());
            }
        }
    }
}
