package io.skynetj.e2e;

import io.skynetj.lua.LuaNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real node for end-to-end tests: Lua service files written into a temporary directory, a
 * config pointing at them, and everything the node prints captured line by line.
 */
final class TestNode implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(20);

    final Path dir;
    private final Map<String, String> config = new HashMap<>();
    private final CapturedOutput out = new CapturedOutput();
    private LuaNode node;

    TestNode(Path dir) {
        this.dir = dir;
        config.put("luaservice", dir + "/?.lua;" + dir + "/?/init.lua");
        config.put("lua_path", dir + "/?.lua");
    }

    TestNode service(String name, String source) throws IOException {
        Path file = dir.resolve(name + ".lua");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return this;
    }

    TestNode config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Boots the node with {@code start} as its start service. */
    TestNode start(String start) throws IOException {
        config.put("start", start);
        node = LuaNode.boot(config, out.stream, LuaNode.home());
        return this;
    }

    LuaNode node() {
        return node;
    }

    /** The port of the console started from the config key {@code console} (use port 0 there). */
    int consolePort() {
        return node.part(io.skynetj.console.ConsoleService.class).address().getPort();
    }

    /** Waits until a printed line contains {@code text}; returns that line. */
    String await(String text) throws InterruptedException {
        return awaitLine(l -> l.contains(text), "a line containing \"" + text + "\"");
    }

    String awaitLine(Predicate<String> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        synchronized (out) {
            for (;;) {
                for (String l : out.lines) if (match.test(l)) return l;
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("timed out waiting for " + what + "; output was:\n" + String.join("\n", out.lines));
                out.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits for the node to end (skynet.abort) and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!node.node().awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS))
            throw new AssertionError("node did not stop; output was:\n" + String.join("\n", lines()));
        return node.node().awaitTermination();
    }

    List<String> lines() {
        synchronized (out) {
            return new ArrayList<>(out.lines);
        }
    }

    String output() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        if (node != null) node.node().abort(0);
    }

    /** A PrintStream whose complete lines are collected and announced to waiters. */
    private static final class CapturedOutput extends OutputStream {
        final List<String> lines = new ArrayList<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
                notifyAll();
            } else {
                partial.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) write(b[off + i]);
        }
    }
}
