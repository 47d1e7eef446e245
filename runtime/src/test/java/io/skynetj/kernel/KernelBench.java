package io.skynetj.kernel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Kernel micro-benchmark (a program, not a test): the scheduling and mailbox costs without Lua, with
 * Java service bodies. Call ping-pong (one caller), one-way sends to a counter then one call, and
 * sending to an idle service that wakes for every message. Prints the median over rounds of wall and
 * process-CPU nanoseconds per operation. Run with {@code tools/bench-kernel}; two carrier threads.
 */
public final class KernelBench {
    private static final int ROUNDS = 11;

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Node node = new Node(Map.of(), new PrintStream(sink), new NodeLog(new PrintStream(sink), false));
        try {
            report("call ping-pong", 200_000 * scale, n -> pingPong(node, n));
            report("sends then call", 1_000_000 * scale, n -> sends(node, n));
            report("send to idle, one by one", 200_000 * scale, n -> idleSends(node, n));
        } finally {
            node.abort(0);
        }
    }

    /** A Java body: requests go to {@code onRequest}, jobs are Runnables. */
    private static final class Body implements ServiceBody {
        Consumer<Execution> onRequest = e -> {};

        @Override
        public boolean run(Execution e) {
            if (e.request != null) onRequest.accept(e);
            else ((Runnable) e.job).run();
            return true;
        }
    }

    private static Service service(Node node, Body body, Runnable start) {
        Service s = node.newService(svc -> body);
        node.start(s, start);
        return s;
    }

    /** A service whose start job gets the service itself (started only once it is known). */
    private static Service service(Node node, java.util.function.Consumer<Service> start) {
        Service s = node.newService(svc -> new Body());
        node.start(s, (Runnable) () -> start.accept(s));
        return s;
    }

    private static void pingPong(Node node, int n) {
        Body echo = new Body();
        Service e = service(node, echo, () -> {});
        echo.onRequest = x -> e.ret(Ptype.RESPONSE, x.request.data);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Service caller = service(node, self -> {
            byte[] payload = {1, 2, 3};
            for (int i = 0; i < n; i++) self.call(e.handle, Ptype.LUA, payload);
            done.complete(null);
        });
        done.join();
        node.kill(e.handle);
        node.kill(caller.handle);
    }

    private static void sends(Node node, int n) {
        Body counterBody = new Body();
        long[] count = new long[1];
        Service counter = service(node, counterBody, () -> {});
        counterBody.onRequest = x -> {
            if (x.session() == 0) count[0]++;
            else counter.ret(Ptype.RESPONSE, new byte[] {(byte) count[0]});
        };
        CompletableFuture<Void> done = new CompletableFuture<>();
        Service sender = service(node, self -> {
            for (int i = 0; i < n; i++) self.send(counter.handle, Ptype.LUA, 0, new byte[] {1});
            self.call(counter.handle, Ptype.LUA, new byte[0]);
            done.complete(null);
        });
        done.join();
        if (count[0] != n) throw new IllegalStateException("lost messages: " + count[0]);
        node.kill(counter.handle);
        node.kill(sender.handle);
    }

    /** The receiver is idle at every send: each message wakes it (the sender waits for the reply of every 1000th). */
    private static void idleSends(Node node, int n) {
        Body echo = new Body();
        Service e = service(node, echo, () -> {});
        echo.onRequest = x -> {
            if (x.session() != 0) e.ret(Ptype.RESPONSE, x.request.data);
        };
        CompletableFuture<Void> done = new CompletableFuture<>();
        Service sender = service(node, self -> {
            byte[] payload = {1};
            for (int i = 0; i < n; i++) {
                self.send(e.handle, Ptype.LUA, 0, payload);
                if (i % 1000 == 999) self.call(e.handle, Ptype.LUA, payload);
            }
            done.complete(null);
        });
        done.join();
        node.kill(e.handle);
        node.kill(sender.handle);
    }

    private interface Workload {
        void run(int n) throws Exception;
    }

    private static void report(String name, int n, Workload w) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[ROUNDS], cpu = new double[ROUNDS];
        for (int r = -2; r < ROUNDS; r++) { // two warm-up rounds
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            w.run(n);
            long t1 = System.nanoTime(), c1 = os.getProcessCpuTime();
            if (r >= 0) {
                wall[r] = (t1 - t0) / (double) n;
                cpu[r] = (c1 - c0) / (double) n;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%-26s wall %7.1f ns/op (%7.1f..%7.1f)   cpu %7.1f ns/op%n", name, wall[ROUNDS / 2], wall[0], wall[ROUNDS - 1], cpu[ROUNDS / 2]);
    }
}
