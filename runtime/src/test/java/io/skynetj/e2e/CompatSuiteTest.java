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

    @Test
    void timersOrderSleepBreakAndNeverEarly() throws Exception {
        try (TestNode n = node("testtimer")) {
            assertPassed(n, "a fork gets its arguments as they were", "timeout(0) waits for this coroutine to yield", "timeouts fire in expiry order",
                "equal timeouts fire in creation order", "sleep returns nil", "now() after sleep(20) is not early",
                "now is an integer count of cs", "time() = starttime() + now()/100",
                "wakeup of a sleeping token", "the woken one runs after the waker yields", "woken sleep returns BREAK",
                "wakeup of nobody is not true", "wait waits", "wakeup of a waiting coroutine",
                "wait returns after wakeup");
        }
    }

    @Test
    void echoCallsAndSendsInOrder() throws Exception {
        try (TestNode n = node("testecho")) {
            assertPassed(n, "values survive the round trip", "so does their count", "a string.pack record survives it", "2000 calls answered in turn",
                "2000 sends arrive in order before the call", "100 concurrent calls each get their own reply");
        }
    }

    @Test
    void requestSelect() throws Exception {
        try (TestNode n = node("testselect")) {
            assertPassed(n, "invalid first, then by arrival", "no timeout flag without a timeout",
                "a timeout stops the iteration", "and sets req.timeout", "not before the timeout",
                "the service still works after an abandoned reply");
        }
    }

    @Test
    void deferredResponses() throws Exception {
        try (TestNode n = node("testresponse")) {
            assertPassed(n, "callers wait for the held replies", "TEST true while the callers wait, each reply sent",
                "a second use raises", "answered newest first", "response(false) fails the call", "the request is held",
                "TEST false and nothing sent once the requester is gone");
        }
    }

    @Test
    void deadCalleesFailTheirCallers() throws Exception {
        try (TestNode n = node("testdeadcall")) {
            assertPassed(n, "the call is pending", "callee exits: call failed", "a call to the dead address",
                "callee killed mid-request: call failed (skynet would hang)",
                "reply forgotten: call failed (skynet would hang)", "the forgetful service lives on",
                "every pending call fails at once");
            assertTrue(n.output().contains("Maybe forgot response session"), n::output);
        }
    }
}
