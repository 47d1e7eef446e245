package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs Lua test scenarios on a real node. A scenario's services use the {@code check} module
 * (below) to print {@code PASS name} or {@code FAIL name: why}, and print {@code DONE} at the end.
 */
final class LuaScenario {
    static final String CHECK_MODULE = """
        local check = {}
        local function show(v)
            if type(v) == "string" then return string.format("%q", v) end
            return tostring(v)
        end
        function check.eq(name, got, want)
            if got == want then
                print("PASS " .. name)
            else
                print("FAIL " .. name .. ": got " .. show(got) .. ", want " .. show(want))
            end
        end
        function check.ok(name, cond, detail)
            if cond then print("PASS " .. name) else print("FAIL " .. name .. ": " .. tostring(detail)) end
        end
        -- f must raise an error whose message contains text (plain find)
        function check.raises(name, text, f, ...)
            local ok, err = pcall(f, ...)
            if ok then
                print("FAIL " .. name .. ": no error")
            elseif string.find(tostring(err), text, 1, true) then
                print("PASS " .. name)
            else
                print("FAIL " .. name .. ": error " .. show(tostring(err)) .. " lacks " .. show(text))
            end
        end
        function check.list(t)
            local parts = {}
            for i = 1, #t do parts[i] = tostring(t[i]) end
            return table.concat(parts, ",")
        end
        return check
        """;

    private LuaScenario() {}

    /** {@code s} as a Lua string literal (for paths put into service sources). */
    static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static TestNode node(Path dir) throws IOException {
        return new TestNode(dir).service("check", CHECK_MODULE);
    }

    /**
     * Runs the test resource {@code cases} (a Lua file printing "name -> result" lines) in a service
     * and asserts its lines equal those of {@code cases.expected} beside it: what the reference
     * implementation printed for the same file.
     */
    static void assertSameAsReference(Path dir, String cases) throws Exception {
        Path file = Path.of(LuaScenario.class.getResource(cases).toURI());
        List<String> expected = java.nio.file.Files.readAllLines(file.resolveSibling("cases.expected"));
        try (TestNode node = new TestNode(dir).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                dofile(%s)
                print("DONE")
            end)
            """.formatted(luaString(file.toString()))).start("main")) {
            node.await("DONE");
            List<String> got = node.lines().stream().filter(l -> l.contains(" -> ")).toList();
            assertEquals(String.join("\n", expected), String.join("\n", got));
        }
    }

    /** Waits for DONE, then asserts that the expected checks passed and none failed. */
    static void assertPassed(TestNode node, String... expected) throws InterruptedException {
        node.await("DONE");
        List<String> lines = node.lines();
        List<String> failures = lines.stream().filter(l -> l.startsWith("FAIL ")).toList();
        assertTrue(failures.isEmpty(), () -> "failed checks:\n" + String.join("\n", failures) + "\n--- output:\n" + node.output());
        for (String name : expected)
            assertTrue(lines.contains("PASS " + name), () -> "missing check " + name + "; output:\n" + node.output());
        long passes = lines.stream().filter(l -> l.startsWith("PASS ")).count();
        assertEquals(expected.length, passes, () -> "unexpected number of checks; output:\n" + node.output());
    }
}
