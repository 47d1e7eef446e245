package io.skynetj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One benchmarked node process while it runs: its output is read on a thread of its own (BENCH lines,
 * the port a scenario that serves the runner's clients listens on), so the runner can drive two
 * nodes at once; a node still running after the timeout is killed.
 */
final class NodeRun {
    /** A scenario that serves clients (echo) prints this with its port; the runner then drives it (EchoLoad). */
    static final String LISTEN = "BENCH_LISTEN port=";

    private final String what;
    private final Path log;
    private final Process process;
    private final long started = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private final List<String> other = new ArrayList<>();
    private final CompletableFuture<Integer> listening = new CompletableFuture<>();
    private final Thread reader;
    private final Thread killer;

    /** Starts {@code command}; {@code what} names it in failures ("scenario echo on skynet (run 2)"), stderr goes to {@code log}. */
    NodeRun(ProcessBuilder command, String what, Path log, long timeoutSeconds) throws IOException {
        this.what = what;
        this.log = log;
        process = command.redirectErrorStream(false).redirectError(log.toFile()).start();
        reader = Thread.ofPlatform().daemon().name("bench-node-output").start(this::read);
        killer = Thread.ofPlatform().daemon().name("bench-node-timeout").start(() -> {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(LISTEN)) {
                    listening.complete(Integer.parseInt(line.substring(LISTEN.length()).trim()));
                } else if (line.startsWith("BENCH ")) {
                    if (line.startsWith("BENCH startup ")) line += String.format(Locale.ROOT, " startup_ms=%.1f", (System.nanoTime() - started) / 1e6);
                    synchronized (this) {
                        lines.add(line);
                    }
                } else {
                    synchronized (this) {
                        if (other.size() == 200) other.removeFirst(); // skynet logs every launch: keep the tail
                        other.add(line);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                other.add("(reading the node's output: " + e + ")");
            }
        } finally {
            listening.complete(-1);
        }
    }

    /** The port the node listens on for the runner's clients; -1 when its output ended without one. */
    int awaitListen() throws InterruptedException {
        try {
            return listening.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits for the node to end; returns its BENCH lines and then {@code measured} (lines measured
     * from outside it). Throws a {@link BenchRunner.BenchFailure} with the ends of its output when it
     * failed or printed no figures.
     */
    List<String> finish(List<String> measured) throws IOException, InterruptedException {
        int code = process.waitFor();
        reader.join();
        killer.interrupt();
        List<String> all;
        synchronized (this) {
            all = new ArrayList<>(lines);
        }
        all.addAll(measured);
        if (code != 0 || all.isEmpty()) {
            List<String> err = Files.exists(log) ? Files.readAllLines(log) : List.of();
            String out;
            synchronized (this) {
                out = String.join("\n", tail(other, 20));
            }
            throw new BenchRunner.BenchFailure(what + " failed, exit code " + code + "\n" + out + "\n"
                + String.join("\n", tail(err, 20)) + "\n(log: " + log + ")");
        }
        return all;
    }

    private static List<String> tail(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }
}
