package io.skynetj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.lua.LuaNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a user runs it: a separate JVM, a working directory, exit codes, signals. */
class CliProcessTest {
    @TempDir
    Path dir;

    private ProcessBuilder skynetj(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Dskynetj.home=" + LuaNode.home());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }

    record Result(int code, String stdout, String stderr) {
        /**
         * What the node printed, without the endless-loop monitor's warning: on a machine loaded far beyond its
         * cores a service can wait its turn past two of the monitor's looks, and the monitor says so, as skynet's.
         */
        String printed() {
            // without skynet's lines for each service started and ended (checked where they matter)
            return stdout.replaceAll("(?m)^.*maybe in an endless loop.*\\R", "").replaceAll("(?m)^\\[:[0-9a-f]{8}\\] (LAUNCH|KILL) .*\\R", "");
        }
    }

    private Result run(String... args) throws Exception {
        return runWithInput("", args);
    }

    private Result runWithInput(String stdin, String... args) throws Exception {
        Path in = dir.resolve("stdin.txt");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Files.writeString(in, stdin);
        Process p = skynetj(args).redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("skynetj " + String.join(" ", args) + " did not end; stdout:\n" + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void runsAConfigWithPathsRelativeToTheWorkingDirectory() throws Exception {
        write("svc/main.lua", """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                print("main says " .. skynet.call(skynet.newservice("helper"), "lua", "hi"))
                skynet.abort()
            end)
            """);
        write("svc/helper.lua", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, s) skynet.retpack(s .. " back") end)
            end)
            """);
        write("conf/node.config", "thread = 2\nluaservice = \"./svc/?.lua\"\n");
        Result r = run("run", "conf/node.config");
        assertEquals(0, r.code, r.stderr);
        assertEquals("main says hi back\n", r.printed());
        assertTrue(r.stdout.matches("(?s).*\\[:[0-9a-f]{8}\\] LAUNCH snlua helper\n.*"), "skynet's line for a service started: " + r.stdout);
    }

    @Test
    void skynetsDefaultPathsWhenTheConfigHasNone() throws Exception {
        write("service/main.lua", """
            local skynet = require "skynet"
            require "skynet.manager"
            local mod = require "mod"
            skynet.start(function()
                print(mod.where .. " " .. tostring(skynet.getenv("luaservice")))
                skynet.abort()
            end)
            """);
        write("lualib/mod.lua", "return { where = \"lualib\" }\n");
        write("node.config", "thread = 2\n");
        Result r = run("run", "node.config");
        assertEquals(0, r.code, r.stderr);
        assertEquals("lualib nil\n", r.printed(), "./service/?.lua and ./lualib/?.lua, as skynet; getenv stays nil as in skynet");
    }

    @Test
    void failedStartServiceEndsTheProcessWithAnError() throws Exception {
        write("svc/main.lua", "local skynet = require 'skynet'\nskynet.start(function() error('no way') end)\n");
        write("node.config", "luaservice = \"./svc/?.lua\"\n");
        Result r = run("run", "node.config");
        assertEquals(1, r.code);
        assertTrue(r.stdout.contains("no way"), r.stdout);
        assertTrue(r.stdout.contains("start service main failed"), r.stdout);
    }

    @Test
    void badInvocationsGetClearMessages() throws Exception {
        Result missing = run("run", "nope.config");
        assertEquals(1, missing.code);
        assertEquals("skynetj: can't open config file nope.config\n", missing.stderr);

        Result unknown = run("frobnicate");
        assertEquals(2, unknown.code);
        assertTrue(unknown.stderr.startsWith("skynetj: unknown command 'frobnicate'"), unknown.stderr);

        Result help = run("help");
        assertEquals(0, help.code);
        assertTrue(help.stdout.contains("run <config>"), help.stdout);

        write("bad.config", "thread = 'many'\n");
        Result badThread = run("run", "bad.config");
        assertEquals(1, badThread.code);
        assertTrue(badThread.stderr.contains("thread must be a number"), badThread.stderr);
    }

    @Test
    void sigtermStopsANodeCleanly() throws Exception {
        write("svc/main.lua", """
            local skynet = require "skynet"
            skynet.start(function()
                print("serving")
                while true do skynet.sleep(100) end
            end)
            """);
        write("node.config", "luaservice = \"./svc/?.lua\"\n");
        Path out = dir.resolve("stdout.txt");
        Process p = skynetj("run", "node.config").redirectOutput(out.toFile()).redirectErrorStream(false).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(out, StandardCharsets.UTF_8).contains("serving")) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "node did not start");
            Thread.sleep(20); // polling a file the child writes, under a deadline
        }
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "node did not stop on SIGTERM");
        assertEquals(143, p.exitValue());
    }

    @Test
    void bundledExampleRuns() throws Exception {
        Result r = run("example");
        assertEquals(0, r.code, r.stderr + r.stdout);
        assertTrue(r.stdout.contains("client apples: apples = 1000 after 1000 sends"), r.stdout);
        assertTrue(r.stdout.matches("(?s).*after \\d+ cs: greeting = nil.*"), r.stdout);
        assertTrue(r.stdout.endsWith("example done\n"), r.stdout);
    }

    // Expected texts below are what lua5.4 (5.4.6) prints for the same scripts, with "lua5.4:" as "lua:".

    @Test
    void luaRunsAScriptWithArgTableAndVarargs() throws Exception {
        write("s.lua", """
            #!/usr/bin/env lua
            print(arg[-1], arg[0], arg[1], arg[2], #arg, select('#', ...), ...)
            io.write("written ", 1, "\\n")
            print(utf8.char(72, 228, 8364), math.ult(1, -1), string.format("%5.1f|%q", 2.25, "a\\nb"))
            """);
        Result r = run("lua", "s.lua", "x", "y z");
        assertEquals(0, r.code, r.stderr);
        assertEquals("lua\ts.lua\tx\ty z\t2\t2\tx\ty z\nwritten 1\nH\u00e4\u20ac\ttrue\t  2.2|\"a\\\nb\"\n", r.stdout);
    }

    @Test
    void luaErrorsExitWithStatusOneAMessageAndATraceback() throws Exception {
        write("e.lua", "local function f() error('boom') end\nprint('before')\nf()\n");
        Result r = run("lua", "e.lua");
        assertEquals(1, r.code);
        assertEquals("before\n", r.stdout, "what was printed before the error is out");
        // as lua5.4 (5.4.4) prints it, ending with the C function that called the script
        assertEquals("lua: e.lua:1: boom\nstack traceback:\n\t[C]: in function 'error'\n\te.lua:1: in local 'f'\n"
            + "\te.lua:3: in main chunk\n\t[C]: in ?\n", r.stderr);

        Result table = run("lua", "-e", "error({})");
        assertEquals(1, table.code);
        assertTrue(table.stderr.startsWith("lua: (error object is a table value)\nstack traceback:"), table.stderr);

        Result tostring = run("lua", "-e", "error(setmetatable({}, {__tostring = function() return 'TS' end}))");
        assertEquals("lua: TS\n", tostring.stderr, "an object with __tostring gets no traceback, as in lua");

        write("syntax.lua", "x =\n");
        Result syntax = run("lua", "syntax.lua");
        assertEquals(1, syntax.code);
        assertEquals("lua: syntax.lua:2: unexpected symbol near <eof>\n", syntax.stderr);

        Result missing = run("lua", "nofile.lua");
        assertEquals(1, missing.code);
        assertEquals("lua: cannot open nofile.lua: No such file or directory\n", missing.stderr);

        Result option = run("lua", "-x");
        assertEquals(1, option.code);
        assertTrue(option.stderr.startsWith("lua: unrecognized option '-x'\nusage: skynetj lua"), option.stderr);
    }

    @Test
    void luaRunsStatementsStdinAndExitsWithOsExitStatus() throws Exception {
        Result e = run("lua", "-e", "x = 6", "-e", "print(x * 7, arg[0], arg[1])");
        assertEquals(0, e.code, e.stderr);
        assertEquals("42\tlua\t-e\n", e.stdout);

        Result stdin = runWithInput("print('from stdin', ...)\n", "lua", "-", "a", "b");
        assertEquals(0, stdin.code, stdin.stderr);
        assertEquals("from stdin\ta\tb\n", stdin.stdout);

        Result exit = run("lua", "-e", "print('bye') os.exit(3)");
        assertEquals(3, exit.code);
        assertEquals("bye\n", exit.stdout);
        assertEquals(1, run("lua", "-e", "os.exit(false)").code);
        assertEquals(0, run("lua", "-e", "coroutine.wrap(function() os.exit(true) end)() error('not reached')").code);

        write("lib/greet.lua", "return { hello = function(n) return 'hello ' .. n end }\n");
        Result module = run("lua", "-l", "g=lib.greet", "-e", "print(g.hello('lua'))");
        assertEquals(0, module.code, module.stderr);
        assertEquals("hello lua\n", module.stdout);
    }

    @Test
    void luaRunsTheFinalizersLeftWhenTheScriptEndsUnlessOsExitSkipsClosing() throws Exception {
        String marks = "setmetatable({}, {__gc = function() print('gc a') end}) local k = setmetatable({}, {__gc = function() print('gc b') end}) "
            + "setmetatable({}, {__gc = function() error('bad') end}) print('end')";
        Result end = run("lua", "-W", "-e", marks);
        assertEquals(0, end.code, end.stderr);
        assertEquals("end\ngc b\ngc a\n", end.stdout, "newest mark first, as lua_close");
        assertEquals("Lua warning: error in __gc ((command line):1: bad)\n", end.stderr);

        Result exit = run("lua", "-W", "-e", marks + " os.exit(0)");
        assertEquals("end\n", exit.stdout, "os.exit without close: no finalizers");
        assertEquals("end\ngc b\ngc a\n", run("lua", "-e", marks + " os.exit(0, true)").stdout);

        Result error = run("lua", "-e", marks + " error('stop')");
        assertEquals(1, error.code);
        assertEquals("end\ngc b\ngc a\n", error.stdout);
        assertTrue(error.stderr.startsWith("lua: (command line):1: stop\n"), error.stderr);
        assertFalse(error.stderr.contains("Lua warning"), "warnings are off without -W");
    }

    @Test
    void luaWarnIsOffUntilOnAndTheMainThreadIsNotACoroutine() throws Exception {
        String script = "warn('hidden') warn('@on') warn('shown ', 1) warn('@off') warn('hidden too') "
            + "print(select(2, coroutine.running()), coroutine.isyieldable(), pcall(coroutine.close, (coroutine.running())))";
        Result r = run("lua", "-e", script);
        assertEquals(0, r.code, r.stderr);
        assertEquals("Lua warning: shown 1\n", r.stderr);
        assertEquals("true\tfalse\tfalse\tcannot close a running coroutine\n", r.stdout);

        Result flag = run("lua", "-W", "-e", "warn('from -W')");
        assertEquals("Lua warning: from -W\n", flag.stderr);
    }

    @Test
    void luaHooksSeeTransferredValuesAndMetamethodsTheirNames() throws Exception {
        // db.lua's checks: getinfo 'r' and getlocal of the values a call/return event transfers (a Java
        // function, a tail call), metamethod and 'for iterator' names, a line hook in stripped code
        write("d.lua", """
            local inp, out, on = nil, nil, false
            debug.sethook(function(e)
              if not on then return end
              local ar, t = debug.getinfo(2, "r"), {}
              for i = ar.ftransfer, ar.ftransfer + ar.ntransfer - 1 do t[#t + 1] = tostring(select(2, debug.getlocal(2, i))) end
              if e == "return" then out = table.concat(t, ",") else inp = table.concat(t, ",") end
            end, "cr")
            on = true; math.abs(-3); on = false
            print(inp, out)
            on = true; select(2, 10, 20, 30); on = false
            print(inp, out)
            local function foo(a, ...) return ... end
            local function foo1() on = not on return foo(20, 10, 0) end
            foo1(); on = false
            debug.sethook()
            print(inp, out)
            local a = setmetatable({}, {__index = function() return debug.getinfo(1, "n").name end,
              __lt = function() return debug.getinfo(1, "n").namewhat end})
            print(a.x, a < a)
            for i in function() print(debug.getinfo(1, "n").name) end do end
            local function bar() local x = 1 return x end
            local lines = {}
            local s = load(string.dump(bar, true))
            debug.sethook(function(e, l) lines[#lines + 1] = tostring(l) end, "l")
            s()
            debug.sethook()
            print(table.concat(lines, " "))
            """);
        Result r = run("lua", "d.lua");
        assertEquals(0, r.code, r.stderr);
        assertEquals("-3\t3\n2,10,20,30\t20,30\n20\t10,0\nindex\ttrue\nfor iterator\n25 nil 26\n", r.stdout);
    }
}
