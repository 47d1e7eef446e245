package io.skynetj.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The load of the echo scenario (service-scripts/bench/echo.lua), generated here in the bench runner,
 * outside the node, so skynetj and skynet are driven and timed the same way. {@code clients}
 * connections each do {@code messages} round trips in turn (write a small message, read it all back),
 * all clients at once; a pass reports round trips per second, the latency percentiles of every round
 * trip and the node process's CPU time per round trip. The passes repeat untimed for
 * bench_warmup_secs first (the first of them is the cold pass), then the timed passes run without,
 * and then with {@code idle} more connections open that never send, after the same untimed
 * warm-up with those connections open. Given several nodes, it drives them in turn, pass by pass.
 */
public final class EchoLoad implements AutoCloseable {
    /** One pass: wall seconds, round trips per second, latency percentiles (us), node CPU per round trip (us). */
    record Pass(double secs, double rate, double p50us, double p99us, double cpuUsEach) {}

    private static final int TIMEOUT_MS = 60_000;

    private final InetSocketAddress server;
    private final ProcessHandle node;
    private final int messages;
    private final int size;
    private final List<Socket> clients = new ArrayList<>();
    private final List<Socket> idle = new ArrayList<>();

    EchoLoad(int port, ProcessHandle node, int clients, int messages, int size) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.node = node;
        this.messages = messages;
        this.size = size;
        for (int i = 0; i < clients; i++) this.clients.add(open());
    }

    /** A node the load drives: the port it listens on and its process (for its CPU time). */
    public record Endpoint(int port, ProcessHandle process) {}

    /**
     * The whole measurement of one node, as BENCH lines: warm-up (its first pass is the cold one),
     * timed passes, then the same with the idle connections open. Settings come from the scenario's
     * config keys.
     */
    public static List<String> run(int port, ProcessHandle node, Map<String, String> params) throws IOException, InterruptedException {
        return run(List.of(new Endpoint(port, node)), params).getFirst();
    }

    /**
     * The same measurement of several nodes at once, pass by pass in turn: each warm-up and timed
     * pass of one node is followed by one of the next, and which node goes first rotates from one
     * round of passes to the next. The machine's speed drifts by a quarter within minutes on the VMs the figures come
     * from; nodes measured one after the other meet different speeds, nodes measured in turn meet
     * the same. Returns each node's BENCH lines, in the order of {@code nodes}.
     */
    public static List<List<String>> run(List<Endpoint> nodes, Map<String, String> params) throws IOException, InterruptedException {
        int clients = param(params, "bench_echo_clients", 20);
        int messages = param(params, "bench_echo_messages", 5000);
        int size = param(params, "bench_echo_size", 16);
        int idleCount = param(params, "bench_echo_idle", 1000);
        int passes = param(params, "bench_passes", 3);
        double warmupSecs = param(params, "bench_warmup_secs", 10);
        List<EchoLoad> loads = new ArrayList<>();
        try {
            for (Endpoint e : nodes) loads.add(new EchoLoad(e.port(), e.process(), clients, messages, size));
            List<Pass> cold = warmUp(loads, warmupSecs);
            List<List<Pass>> plain = passes(loads, passes);
            for (EchoLoad load : loads) load.openIdle(idleCount);
            // Warm again: the node just ran its accept path 1,000 times, new to a JIT that compiled the
            // echo path without it (deoptimizations, then C2 recompiling for most of the next pass).
            warmUp(loads, warmupSecs);
            List<List<Pass>> withIdle = passes(loads, passes);
            String settings = String.format(Locale.ROOT, "clients=%d messages=%d size=%d", clients, messages, size);
            List<List<String>> lines = new ArrayList<>();
            for (int i = 0; i < loads.size(); i++)
                lines.add(List.of(line("echo", settings, plain.get(i), cold.get(i)),
                    line("echo_idle", "idle=" + idleCount + " " + settings, withIdle.get(i), null)));
            return lines;
        } finally {
            for (EchoLoad load : loads) load.close();
        }
    }

    /** Which node runs the {@code k}th pass of round {@code round} of {@code nodes}: the first of each round rotates. */
    static int turn(int round, int k, int nodes) {
        return (round + k) % nodes;
    }

    /** Ends the node: the echo scenario aborts when a connection's first bytes are QUIT. */
    public static void quit(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            s.getOutputStream().write("QUIT".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private static String line(String name, String settings, List<Pass> passes, Pass cold) {
        String s = String.format(Locale.ROOT, "BENCH %s %s passes=%d secs=%.4f rate=%.1f p50_us=%.1f p99_us=%.1f cpu_us_each=%.2f", name, settings,
            passes.size(), median(passes, Pass::secs), median(passes, Pass::rate), median(passes, Pass::p50us), median(passes, Pass::p99us),
            median(passes, Pass::cpuUsEach));
        return cold == null ? s : s + String.format(Locale.ROOT, " cold_rate=%.1f cold_p99_us=%.1f", cold.rate(), cold.p99us());
    }

    private static double median(List<Pass> passes, java.util.function.ToDoubleFunction<Pass> f) {
        return Measurements.median(passes.stream().map(p -> f.applyAsDouble(p)).toList());
    }

    /**
     * Untimed rounds of one pass per node until each node has had about {@code secs} of them, at
     * least one round; returns each node's first pass.
     */
    private static List<Pass> warmUp(List<EchoLoad> loads, double secs) throws IOException, InterruptedException {
        List<Pass> first = null;
        long t0 = System.nanoTime();
        for (int round = 0; first == null || (System.nanoTime() - t0) / 1e9 < secs * loads.size(); round++) {
            List<Pass> passes = round(loads, round);
            if (first == null) first = passes;
        }
        return first;
    }

    /** {@code n} rounds of timed passes; each node's passes, in the order of {@code loads}. */
    private static List<List<Pass>> passes(List<EchoLoad> loads, int n) throws IOException, InterruptedException {
        List<List<Pass>> byNode = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) byNode.add(new ArrayList<>());
        for (int round = 0; round < n; round++) {
            List<Pass> passes = round(loads, round);
            for (int i = 0; i < loads.size(); i++) byNode.get(i).add(passes.get(i));
        }
        return byNode;
    }

    /** One pass of each node, in this round's turn; the passes in the order of {@code loads}. */
    private static List<Pass> round(List<EchoLoad> loads, int round) throws IOException, InterruptedException {
        Pass[] passes = new Pass[loads.size()];
        for (int k = 0; k < loads.size(); k++) {
            int i = turn(round, k, loads.size());
            passes[i] = loads.get(i).pass();
        }
        return Arrays.asList(passes);
    }

    /** Opens connections that stay silent; each is accepted (its connect completes) before the next. */
    void openIdle(int n) throws IOException {
        for (int i = 0; i < n; i++) idle.add(open());
    }

    /** Every client does its round trips, all at once; throws if a reply differs from what was sent. */
    Pass pass() throws IOException, InterruptedException {
        int n = clients.size();
        long[] latencies = new long[n * messages];
        IOException[] failure = new IOException[1];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("echo-client-" + c).start(() -> {
                try {
                    go.await();
                    roundTrips(clients.get(client), client, latencies, client * messages);
                } catch (IOException e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long cpu0 = nodeCpuTicks();
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : threads) t.join();
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = nodeCpuTicks() - cpu0;
        synchronized (failure) {
            if (failure[0] != null) throw failure[0];
        }
        Arrays.sort(latencies);
        return new Pass(secs, latencies.length / secs, percentile(latencies, 0.50) / 1e3, percentile(latencies, 0.99) / 1e3,
            cpu * 1e4 / latencies.length); // ticks are 10 ms
    }

    private void roundTrips(Socket s, int client, long[] latencies, int at) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] message = new byte[size];
        byte[] reply = new byte[size];
        for (int i = 0; i < messages; i++) {
            Arrays.fill(message, (byte) ('a' + (client + i) % 26));
            long t = System.nanoTime();
            out.write(message);
            int got = 0;
            while (got < size) {
                int r = in.read(reply, got, size - got);
                if (r < 0) throw new IOException("the node closed client " + client + " after " + i + " round trips");
                got += r;
            }
            latencies[at + i] = System.nanoTime() - t;
            if (!Arrays.equals(message, reply)) throw new IOException("client " + client + " got back other bytes than it sent");
        }
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** utime + stime of the node process, in clock ticks (/proc/PID/stat); 0 where there is no /proc. */
    private long nodeCpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/" + node.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(server, TIMEOUT_MS);
        s.setSoTimeout(TIMEOUT_MS);
        return s;
    }

    private static int param(Map<String, String> params, String key, int fallback) {
        String v = params.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BenchRunner.BenchFailure(key + " must be a whole number, not '" + v + "'");
        }
    }

    @Override
    public void close() {
        for (Socket s : clients) closeQuietly(s);
        for (Socket s : idle) closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }
}
