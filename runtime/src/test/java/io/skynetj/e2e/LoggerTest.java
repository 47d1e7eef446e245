package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logger: a Lua logger service (logservice = "snlua"), logon/logoff and log with logpath (a log file: ServiceLoadingTest). */
class LoggerTest {
    @TempDir
    Path dir;

    @Test
    void aLuaLoggerServiceReceivesEverySkynetError() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("logservice", "snlua").config("logger", "mylog prefix")
            .service("mylog", """
                local skynet = require "skynet"
                local prefix = ...
                skynet.register_protocol {
                    name = "text",
                    id = skynet.PTYPE_TEXT,
                    unpack = skynet.tostring,
                    dispatch = function(_, address, msg)
                        print(string.format("%s %s %s", prefix, skynet.address(address), msg))
                    end,
                }
                skynet.start(function() end)
                """).service("failing", """
                local skynet = require "skynet"
                skynet.start(function() error("broken on purpose") end)
                """).service("main", """
                local skynet = require "skynet"
                skynet.start(function()
                    skynet.error("hello logger")
                    print("MAIN " .. skynet.address(skynet.self()) .. " LOGGER " .. skynet.address(skynet.localname("logger")))
                    pcall(skynet.newservice, "failing")
                end)
                """).start("main")) {
            String main = node.await("MAIN ").split(" ")[1];
            node.await("prefix " + main + " hello logger");
            String line = node.await("broken on purpose");
            assertTrue(line.startsWith("prefix :"), () -> "a runtime error reaches the logger service too: " + line);
            assertFalse(node.lines().stream().anyMatch(l -> l.startsWith("[" + main + "]")), "nothing written by the default logger");
        }
    }

    @Test
    void logonWritesEveryMessageOfTheServiceUntilLogoff() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("logpath", dir.toString()).config("console", "127.0.0.1:0")
            .service("echo", """
                local skynet = require "skynet"
                require "skynet.manager"
                skynet.start(function()
                    skynet.dispatch("lua", function(_, _, x) skynet.ret(skynet.pack(x)) end)
                    skynet.register(".echo")
                    print("ECHO " .. skynet.address(skynet.self()))
                end)
                """).service("main", """
                local skynet = require "skynet"
                skynet.start(function() skynet.newservice("echo") end)
                """).start("main")) {
            String echo = node.await("ECHO ").split(" ")[1];
            Path file = dir.resolve(echo.substring(1) + ".log");
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                assertEquals(List.of("<CMD OK>"), c.command("logon .echo"));
                node.await("Open log file " + file);
                assertEquals("<CMD Error>", c.command("logon .echo").getLast(), "already on");
                assertEquals(List.of("1\tAB", "n\t1", "<CMD OK>"), c.command("call .echo \"AB\""));
                // a lua request from the console: type 10, the packed string "AB" (skynet.pack: 0x14 'A' 'B')
                String request = awaitLine(file, l -> l.matches(":[0-9a-f]{8} 10 \\d+ \\d+ 144142"));
                assertTrue(request.startsWith(":"), request);
                assertEquals(List.of("<CMD OK>"), c.command("logoff .echo"));
                awaitLine(file, l -> l.startsWith("close time: "));
                c.command("call .echo \"CD\"");
                assertEquals(List.of("<CMD Error>"), c.command("logoff .echo").subList(1, 2), "already off");
            }
            List<String> lines = Files.readAllLines(file);
            assertTrue(lines.getFirst().startsWith("open time: "), lines::toString);
            assertFalse(lines.stream().anyMatch(l -> l.endsWith("144344")), () -> "nothing after logoff: " + lines);
        }
    }

    @Test
    void consoleLogStartsAServiceWithItsMessagesLoggedAndTheLauncherAnswersQuery() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("logpath", dir.toString()).config("console", "127.0.0.1:0")
            .service("echo", """
                local skynet = require "skynet"
                skynet.start(function()
                    skynet.dispatch("lua", function(_, _, x) skynet.ret(skynet.pack(x)) end)
                end)
                """).service("slow", """
                local skynet = require "skynet"
                skynet.start(function() skynet.sleep(20) end)
                """).service("main", """
                local skynet = require "skynet"
                local check = require "check"
                skynet.start(function()
                    local found
                    skynet.fork(function()
                        -- the sessions this service's newservice call may use: QUERY names the one starting slow
                        while not found do
                            for s = 1, 50 do
                                local a = skynet.call(".launcher", "lua", "QUERY", s)
                                if a and a ~= skynet.self() then found = a end -- (this service is still starting too)
                            end
                            skynet.sleep(1)
                        end
                    end)
                    local slow = skynet.newservice("slow")
                    check.eq("QUERY names the service a LAUNCH request is starting", found, slow)
                    print("DONE")
                end)
                """).start("main")) {
            LuaScenario.assertPassed(node, "QUERY names the service a LAUNCH request is starting");
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                List<String> reply = c.command("log echo");
                assertEquals("<CMD OK>", reply.getLast(), reply::toString);
                String address = reply.getFirst().split("\t")[0];
                Path file = dir.resolve(address.substring(1) + ".log");
                assertEquals(List.of("1\tXY", "n\t1", "<CMD OK>"), c.command("call " + address + " \"XY\""));
                awaitLine(file, l -> l.endsWith(" 145859"));
                assertTrue(Files.readAllLines(file).getFirst().startsWith("open time: "));
            }
        }
    }

    /** Polls a file (written by the node's threads) until a line matches, within the test deadline. */
    private static String awaitLine(Path file, Predicate<String> match) throws Exception {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        for (;;) {
            if (Files.exists(file)) for (String l : Files.readAllLines(file)) if (match.test(l)) return l;
            if (System.nanoTime() > deadline) throw new AssertionError("no matching line in " + file + ": " + (Files.exists(file) ? Files.readAllLines(file) : "no file"));
            Thread.sleep(10);
        }
    }
}
