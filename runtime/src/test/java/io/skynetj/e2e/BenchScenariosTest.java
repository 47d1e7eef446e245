package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.lua.LuaNode;
import java.nio.file.Path;
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
        String bench = LuaNode.home().resolve("service-scripts/bench").toString();
        try (TestNode node = new TestNode(dir)
                .config("luaservice", bench + "/?.lua")
                .config("lua_path", bench + "/?.lua")
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
}
