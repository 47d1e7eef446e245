package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.lua.ConfigFile;
import io.skynetj.lua.LuaNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-node example in service-scripts/examples/cluster, booted from its own config files in this
 * JVM: node game uses db's store and db calls game back. The example's clustername.lua names the fixed
 * ports 2528 and 2529; the test gives the same nodes free ports instead, so a busy port on the build
 * machine cannot fail it.
 */
class ClusterExampleTest {
    @TempDir
    Path dir;

    private Map<String, String> config(String name, Path clusterNames) {
        Path home = LuaNode.home();
        Map<String, String> config = new HashMap<>();
        // the configs' paths are relative to the repository root, where the README runs them from
        ConfigFile.load(home.resolve("service-scripts/examples/cluster/" + name), System::getenv)
            .forEach((k, v) -> config.put(k, v.replace("./service-scripts/", home + "/service-scripts/")));
        config.put("cluster", clusterNames.toString());
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void gameUsesDbAndDbCallsGameBack() throws Exception {
        Path names = Files.writeString(dir.resolve("clustername.lua"),
            "db = \"127.0.0.1:" + freePort() + "\"\ngame = \"127.0.0.1:" + freePort() + "\"\n");
        ByteArrayOutputStream dbOut = new ByteArrayOutputStream();
        ByteArrayOutputStream gameOut = new ByteArrayOutputStream();
        LuaNode db = LuaNode.boot(config("config.db", names), new PrintStream(dbOut, true, StandardCharsets.UTF_8), LuaNode.home());
        try {
            long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
            while (!dbOut.toString(StandardCharsets.UTF_8).contains("db: ready")) {
                if (System.nanoTime() > deadline) throw new AssertionError("db did not start:\n" + dbOut);
                Thread.sleep(10);
            }
            LuaNode game = LuaNode.boot(config("config.game", names), new PrintStream(gameOut, true, StandardCharsets.UTF_8), LuaNode.home());
            if (!game.node().awaitTermination(TestNode.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                game.node().abort(1);
                throw new AssertionError("game did not finish:\n" + gameOut);
            }
        } finally {
            db.node().abort(0);
        }
        String game = gameOut.toString(StandardCharsets.UTF_8);
        for (String line : new String[] {"game: GET player:1 -> alice", "game: logins = 2", "game: KEYS through a proxy -> logins, player:1",
                "game: an unknown name fails: cluster call to [db] @nosuch failed: remote error: Invalid name", "game: done"})
            assertTrue(game.contains(line), () -> "missing \"" + line + "\" in:\n" + game);
        assertTrue(dbOut.toString(StandardCharsets.UTF_8).contains("db: game answered: welcome back, alice"), dbOut::toString);
    }
}
