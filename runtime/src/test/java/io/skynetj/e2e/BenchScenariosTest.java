package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.bench.EchoLoad;
import io.skynetj.lua.LuaNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmark services (service-scripts/bench/) run on a real node with small sizes and print their
 * BENCH lines: checks the scenarios work, not how fast (timings never go into tests).
 */
class BenchScenariosTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "idle, 'BENCH startup ', 'BENCH idle rss_mb='",
        "pingpong, 'BENCH call_1 calls=2000 ', 'BENCH call_10 calls=2000 callers=10 '",
        "sends, 'BENCH send msgs=5000 ', 'BENCH send msgs=5000 '",
        "newservice, 'BENCH newservice services=20 ', 'BENCH kill services=20 '",
        "live_services, 'BENCH live_services services=10 ', 'BENCH live_services services=10 '",
        "timers, 'BENCH timeout0 callbacks=300 ', 'BENCH timeout_spread timers=300 '",
        "codecache, 'BENCH newservice_cache warm_us=', 'BENCH newservice_cache '",
        "upgrade, 'BENCH routed_call calls=2000 runs=2 ', 'BENCH upgrade_pause upgrades=2 '",
        "cpu, 'BENCH fib30 secs=', 'BENCH tables_strings secs='",
    })
    void scenarioPrintsItsBenchLines(String scenario, String first, String second) throws Exception {
        try (TestNode node = benchNode()
                .config("bench_warmup_secs", "0")
                .config("bench_calls", "2000")
                .config("bench_sends", "5000")
                .config("bench_services", "20")
                .config("bench_live_services", "10") // each collects the whole heap (System.gc()): few, or a loaded machine misses the deadline
                .config("bench_collect_each", "1") // live_services as tools/bench runs it on skynet: every service collects
                .config("bench_timers", "300")
                .config("bench_cache_services", "5")
                .config("bench_passes", "2")
                .config("bench_upgrades", "2")
                .start(scenario)) {
            assertEquals(0, node.awaitExit(), node::output);
            String out = node.output();
            assertTrue(out.contains(first) && out.contains(second), out);
            assertTrue(node.lines().stream().filter(l -> l.startsWith("BENCH ")).allMatch(l -> l.matches("BENCH \\w+( \\w+=-?[0-9.]+)+")), out);
        }
    }

    /** The echo scenario serves the runner's clients (EchoLoad), idle connections too, and ends on QUIT. */
    @Test
    void echoScenarioServesTheRunnersClients() throws Exception {
        try (TestNode node = benchNode().start("echo")) {
            int port = Integer.parseInt(node.await("BENCH_LISTEN port=").substring("BENCH_LISTEN port=".length()));
            List<String> lines = EchoLoad.run(port, ProcessHandle.current(), Map.of("bench_warmup_secs", "0", "bench_passes", "1",
                "bench_echo_clients", "3", "bench_echo_messages", "200", "bench_echo_idle", "20"));
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("BENCH echo clients=3 messages=200 size=16 passes=1 ") && lines.get(0).contains(" cold_rate="), lines.toString());
            assertTrue(lines.get(1).startsWith("BENCH echo_idle idle=20 clients=3 messages=200 "), lines.toString());
            assertTrue(lines.stream().allMatch(l -> l.matches("BENCH \\w+( \\w+=-?[0-9.]+)+")), lines.toString());
            EchoLoad.quit(port);
            assertEquals(0, node.awaitExit(), node::output);
        }
    }

    private TestNode benchNode() {
        String bench = LuaNode.home().resolve("service-scripts/bench").toString();
        return new TestNode(dir)
            .config("luaservice", bench + "/?.lua")
            .config("lua_path", bench + "/?.lua");
    }
}
