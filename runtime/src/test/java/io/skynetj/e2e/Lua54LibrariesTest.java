package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.skynetj.lua.lib.Libraries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.DebugLib;

/**
 * Lua 5.4's utf8 library, math functions, string.format conversions, table functions through
 * metamethods, ipairs, select, load modes (lua54-library-cases.txt), to-be-closed variables
 * (lua54-close-cases.txt), the VM's error texts and metatables (lua54-vm-cases.txt), library and compiler
 * error texts (lua54-error-cases.txt), metatables of whole types (lua54-type-metatable-cases.txt), tail calls
 * through __call chains and binary chunks (lua54-calls-cases.txt), finalizers (lua54-gc-cases.txt, standalone only), results from real Lua 5.4.4, through
 * {@link Libraries#standardGlobals()} and in a service of a real node, where coroutine.close
 * (lua54-coroutine-cases.txt) and the debug library's getlocal/setlocal (lua54-debug-cases.txt) are checked too; debug hooks
 * (lua54-hook-cases.txt) and tracebacks, getinfo of Java functions and stripped chunks (lua54-debug-info-cases.txt)
 * with the debug library a service has, standalone and in the service.
 */
class Lua54LibrariesTest {
    @TempDir
    Path dir;

    /** Evaluates one case line; returns its results as lua5.4 shows them, then the expected text. */
    private static final String RUN_CASE = """
        local function run(line)
            local expr, want = line:match("^(.-)\\t=>\\t(.*)$")
            local r = table.pack(load("return " .. expr, "=t")())
            for i = 1, r.n do r[i] = tostring(r[i]) end
            return table.concat(r, "\\t", 1, r.n), want, expr
        end
        """;

    static List<String> cases() throws IOException {
        List<String> lines = cases("lua54-library-cases.txt");
        lines.addAll(cases("lua54-close-cases.txt"));
        lines.addAll(cases("lua54-vm-cases.txt"));
        lines.addAll(cases("lua54-type-metatable-cases.txt"));
        lines.addAll(cases("lua54-table-cases.txt"));
        lines.addAll(cases("lua54-calls-cases.txt"));
        lines.addAll(cases("lua54-error-cases.txt"));
        return lines;
    }

    /** The cases and the finalizer cases (in a service those are Lua54GcNodeTest's: each case there is full collections). */
    static List<String> standaloneCases() throws IOException {
        List<String> lines = cases();
        lines.addAll(cases("lua54-gc-cases.txt"));
        return lines;
    }

    /** The case lines of a resource, as bytes in ISO-8859-1 (Lua strings are bytes). */
    private static List<String> cases(String resource) throws IOException {
        try (InputStream in = Lua54LibrariesTest.class.getResourceAsStream(resource)) {
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\n"))
                if (!line.isEmpty() && !line.startsWith("#")) lines.add(line);
            return lines;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standaloneCases")
    void libraryCaseMatchesLua54(String line) {
        assertCaseMatches(Libraries.standardGlobals(), line);
    }

    /** The cases that need the debug library a service has: hooks, tracebacks, getinfo. */
    static List<String> debugCases() throws IOException {
        List<String> lines = cases("lua54-hook-cases.txt");
        lines.addAll(cases("lua54-debug-info-cases.txt"));
        return lines;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("debugCases")
    void debugCaseMatchesLua54(String line) {
        Globals g = Libraries.standardGlobals();
        g.load(new DebugLib());
        g.debuglib = null; // as in a service: the interpreter's own hooks (patch 0043), not LuaJ's
        Libraries.extendDebug(g, g.get("debug").checktable());
        assertCaseMatches(g, line);
    }

    private static void assertCaseMatches(Globals g, String line) {
        byte[] src = (RUN_CASE + "return run(...)").getBytes(StandardCharsets.ISO_8859_1);
        var r = g.load(new ByteArrayInputStream(src), "=case", "t", g).invoke(LuaValue.valueOf(line.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(bytes(r.arg(2)), bytes(r.arg(1)), () -> bytes(r.arg(3)));
    }

    private static String bytes(LuaValue v) {
        LuaString s = v.strvalue();
        return new String(s.m_bytes, s.m_offset, s.m_length, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSameCasesAndTheCoroutineCasesInAService() throws Exception {
        List<String> lines = new ArrayList<>(cases());
        lines.addAll(cases("lua54-coroutine-cases.txt"));
        lines.addAll(cases("lua54-debug-cases.txt"));
        lines.addAll(debugCases());
        String utf8Cases = new String(String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        try (TestNode node = LuaScenario.node(dir).service("main", RUN_CASE + """
            local skynet = require "skynet"
            local check = require "check"
            local cases = [==[
            """ + utf8Cases + """
            ]==]
            skynet.start(function()
                local n = 0
                for line in cases:gmatch("[^\\n]+") do
                    n = n + 1
                    local got, want, expr = run(line)
                    check.eq("case " .. n .. " " .. expr, got, want)
                end
                print("DONE")
            end)
            """).start("main")) {
            String[] names = IntStream.range(0, lines.size())
                .mapToObj(i -> "case " + (i + 1) + " " + lines.get(i).substring(0, lines.get(i).indexOf("\t=>\t")))
                .map(s -> new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                .toArray(String[]::new);
            assertPassed(node, names);
        }
    }
}
