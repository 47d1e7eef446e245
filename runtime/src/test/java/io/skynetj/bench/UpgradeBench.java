package io.skynetj.bench;

import io.skynetj.lua.LuaNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Upgrade benchmark (a program, not a test): runs service-scripts/bench/upgrade_bench.lua, which prints
 * BENCH lines: routed (managed name) vs direct call throughput, and the latency callers see while the
 * service behind the name is upgraded under ~10,000 calls/s. Run with {@code tools/bench-java UpgradeBench}.
 */
public final class UpgradeBench {
    public static void main(String[] args) throws Exception {
        Path home = LuaNode.home();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LuaNode node = LuaNode.boot(Map.of(
            "start", "upgrade_bench",
            "luaservice", home.resolve("service-scripts/bench") + "/?.lua"), out, home);
        if (!node.node().awaitTermination(10, TimeUnit.MINUTES)) throw new IllegalStateException("benchmark did not finish");
        System.exit(node.node().awaitTermination());
    }
}
