package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.lua.LuaNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skynet-style test services of service-scripts/tests, each the start service of a real node. */
class CompatSuiteTest {
    @TempDir
    Path dir;

    private TestNode node(String start) throws Exception {
        String tests = LuaNode.home().resolve("service-scripts/tests") + "/?.lua";
        return LuaScenario.node(dir).config("luaservice", dir + "/?.lua;" + tests).start(start);
    }

    @Test
    void timeoutPatternWithServiceNew() throws Exception {
        try (TestNode n = node("testtimeout")) {
            assertPassed(n, "fast enough", "too slow times out", "the service is unique");
        }
    }

    @Test
    void termFailsAPendingCall() throws Exception {
        try (TestNode n = node("testterm")) {
            assertPassed(n, "the call is pending", "term fails the pending call", "with call failed");
        }
    }

    @Test
    void queueOrdersCriticalSections() throws Exception {
        try (TestNode n = node("testqueue")) {
            assertPassed(n, "one at a time", "in arrival order", "errors come out of cs", "the queue is free after an error");
        }
    }

    @Test
    void coroutineGeneratorBlockingInSkynet() throws Exception {
        try (TestNode n = node("testcoroutine")) {
            assertPassed(n, "resume 1", "resume 2", "resume 3", "resume end", "values", "a fork sees it blocked in skynet.sleep");
        }
    }

    @Test
    void datacenterWaitAcrossServices() throws Exception {
        try (TestNode n = node("testdatacenter")) {
            assertPassed(n, "still waiting", "waiter woke with the value", "get");
        }
    }

    @Test
    void snaxPingAndHotfix() throws Exception {
        try (TestNode n = node("testsnax")) {
            assertPassed(n, "ping", "posts counted", "hotfix returns", "patched ping sees the state");
            n.await("ping server exit: bye");
            assertTrue(n.lines().stream().anyMatch(l -> l.endsWith("ping server start: hello world")), n::output);
        }
    }
}
