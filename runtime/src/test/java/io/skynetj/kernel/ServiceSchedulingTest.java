package io.skynetj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel on its own (Java service bodies, no Lua): one execution per service at a time, no
 * lost wake-ups, no deadlock with two carrier threads (surefire runs with parallelism=2).
 */
class ServiceSchedulingTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Node node = new Node(Map.of(), new PrintStream(log, true), new NodeLog(new PrintStream(log, true), false));

    @AfterEach
    void stop() {
        node.abort(0);
    }

    /**
     * A body that runs a Java action per execution: requests go to {@code onRequest}, jobs are
     * Runnables. It counts the executions running outside blocking operations (wrapped in
     * {@link #blocking}): more than one at a time means the baton failed.
     */
    static final class JavaBody implements ServiceBody {
        final AtomicInteger running = new AtomicInteger();
        volatile boolean overlapped;
        Consumer<Execution> onRequest = e -> {};

        private void enter() {
            if (running.incrementAndGet() != 1) overlapped = true;
        }

        <T> T blocking(java.util.function.Supplier<T> op) {
            running.decrementAndGet();
            try {
                return op.get();
            } finally {
                enter();
            }
        }

        @Override
        public boolean run(Execution e) {
            enter();
            try {
                if (e.request != null) onRequest.accept(e);
                else ((Runnable) e.job).run();
                return true;
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private Service service(JavaBody body, Runnable start) {
        Service s = node.newService(svc -> body);
        node.start(s, start);
        return s;
    }

    /** A service whose requests sleep for good: their callers wait until something fails the call. */
    private Service neverReplying() {
        JavaBody body = new JavaBody();
        body.onRequest = e -> body.blocking(() -> e.service().sleep(100_000, null));
        return service(body, () -> {});
    }

    static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static int intOf(byte[] b) {
        return ByteBuffer.wrap(b).getInt();
    }

    @Test
    void manyServicesCallingEachOtherNeverOverlapOrLoseReplies() throws Exception {
        int services = 200;
        int callsEach = 200;
        Service[] all = new Service[services];
        JavaBody[] bodies = new JavaBody[services];
        CountDownLatch done = new CountDownLatch(services);
        AtomicInteger wrong = new AtomicInteger();
        for (int i = 0; i < services; i++) {
            JavaBody body = new JavaBody();
            bodies[i] = body;
            // each request: maybe call another service first (re-entrancy at blocking points), then echo
            body.onRequest = e -> {
                Service self = e.service();
                int v = intOf(e.request.data);
                if (v % 3 == 0) {
                    Service other = all[ThreadLocalRandom.current().nextInt(services)];
                    if (other != self) {
                        Message r = body.blocking(() -> self.call(other.handle, Ptype.LUA, intBytes(v + 1)));
                        if (intOf(r.data) != v + 1) wrong.incrementAndGet();
                    }
                }
                self.ret(Ptype.RESPONSE, intBytes(v));
            };
            all[i] = node.newService(svc -> body);
        }
        CountDownLatch allStarted = new CountDownLatch(1);
        for (int i = 0; i < services; i++) {
            Service s = all[i];
            JavaBody body = bodies[i];
            node.start(s, (Runnable) () -> s.fork((Runnable) () -> {
                awaitUninterruptibly(allStarted);
                for (int c = 0; c < callsEach; c++) {
                    Service target = all[ThreadLocalRandom.current().nextInt(services)];
                    if (target == s) continue;
                    int v = ThreadLocalRandom.current().nextInt(1_000_000) * 3 + c % 3;
                    Message r = body.blocking(() -> s.call(target.handle, Ptype.LUA, intBytes(v)));
                    if (r.type != Ptype.RESPONSE || intOf(r.data) != v) wrong.incrementAndGet();
                }
                done.countDown();
            }));
        }
        allStarted.countDown();
        assertTrue(done.await(60, TimeUnit.SECONDS), "calls did not finish: deadlock or lost wake-up");
        assertEquals(0, wrong.get(), "wrong replies");
        for (JavaBody b : bodies) assertFalse(b.overlapped, "two executions of one service ran at once");
    }

    @Test
    void sleepersAndWakeupsAcrossManyExecutions() throws Exception {
        JavaBody body = new JavaBody();
        CountDownLatch done = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        Service service = node.newService(svc -> body);
        node.start(service, (Runnable) () -> {
            int n = 1000;
            AtomicInteger broken = new AtomicInteger();
            Object[] tokens = new Object[n];
            for (int i = 0; i < n; i++) {
                Object token = tokens[i] = new Object();
                service.fork((Runnable) () -> {
                    if (body.blocking(() -> service.sleep(100_000, token))) broken.incrementAndGet();
                });
            }
            body.blocking(() -> service.sleep(0, null)); // every fork starts sleeping
            events.add("suspended=" + service.suspendedCount() + " timers=" + service.pendingTimers());
            for (Object t : tokens) if (!service.wakeup(t)) events.add("wakeup failed");
            body.blocking(() -> service.sleep(0, null));
            events.add("broken=" + broken.get() + " suspended=" + service.suspendedCount());
            done.countDown();
        });
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertEquals(List.of("suspended=1000 timers=1000", "broken=1000 suspended=0"), List.copyOf(events));
        assertFalse(body.overlapped);
    }

    @Test
    void killedServiceFailsItsCallersAndDropsItsWork() throws Exception {
        Service victim = neverReplying();
        JavaBody callerBody = new JavaBody();
        CountDownLatch failed = new CountDownLatch(5);
        Service caller = node.newService(svc -> callerBody);
        node.start(caller, (Runnable) () -> {
            for (int i = 0; i < 5; i++) {
                caller.fork((Runnable) () -> {
                    Message r = callerBody.blocking(() -> caller.call(victim.handle, Ptype.LUA, null));
                    if (r.type == Ptype.ERROR) failed.countDown();
                });
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (victim.suspendedCount() < 5 && System.nanoTime() < deadline) Thread.sleep(1);
        assertTrue(node.kill(victim.handle));
        assertTrue(failed.await(20, TimeUnit.SECONDS), "callers of a killed service must get an error");
        assertTrue(victim.isDead());
        assertFalse(node.send(0, victim.handle, Ptype.LUA, 1, null), "sending to a dead service fails");
        assertEquals(0, victim.pendingTimers(), "a dead service's timers are cancelled");
    }

    /** What the test's unwinding throws into a suspended execution (the Lua layer's is ExecutionClose). */
    private static final class Unwound extends Error {
        Unwound() {
            super("unwound", null, false, false);
        }
    }

    /**
     * unwindSuspended gives the baton to each suspended execution in turn (sleeping, waiting, calling,
     * serving a request), which throws instead of returning, and the caller goes on only after the
     * last; a request served by one fails at its caller; nothing overlaps.
     */
    @Test
    void unwindSuspendedHandsTheBatonToEachSuspendedExecutionInTurn() throws Exception {
        Service silent = neverReplying();
        JavaBody body = new JavaBody();
        ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        Service service = node.newService(svc -> body);
        java.util.function.BiConsumer<String, Runnable> unwindable = (what, op) -> {
            Execution me = service.current();
            try {
                op.run();
                events.add(what + " returned");
            } catch (Unwound u) {
                events.add(what + " unwound" + (service.current() == me ? " holding the baton" : " without the baton"));
            }
        };
        body.onRequest = e -> unwindable.accept("request", () -> body.blocking(() -> {
            service.await(null);
            return null;
        }));
        node.start(service, (Runnable) () -> {
            service.fork((Runnable) () -> unwindable.accept("sleep", () -> body.blocking(() -> service.sleep(100_000, null))));
            service.fork((Runnable) () -> unwindable.accept("wait", () -> body.blocking(() -> {
                service.await(null);
                return null;
            })));
            service.fork((Runnable) () -> unwindable.accept("call", () -> body.blocking(() -> service.call(silent.handle, Ptype.LUA, null))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (service.suspendedCount() < 4 && System.nanoTime() < deadline) // the forks and the request
                body.blocking(() -> service.sleep(0, null));
            events.add("suspended=" + service.suspendedCount());
            body.blocking(() -> { // the caller waits while they run
                service.unwindSuspended(Unwound::new);
                return null;
            });
            events.add("after: suspended=" + service.suspendedCount());
            done.countDown();
        });
        JavaBody requesterBody = new JavaBody();
        CountDownLatch failed = new CountDownLatch(1);
        Service requester = node.newService(svc -> requesterBody);
        node.start(requester, (Runnable) () -> {
            Message r = requesterBody.blocking(() -> requester.call(service.handle, Ptype.LUA, null));
            if (r.type == Ptype.ERROR) failed.countDown();
        });
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertTrue(failed.await(20, TimeUnit.SECONDS), "the caller of a request unwound gets an error");
        List<String> seen = List.copyOf(events);
        assertEquals("suspended=4", seen.getFirst());
        assertEquals("after: suspended=0", seen.getLast());
        assertEquals(List.of("call unwound holding the baton", "request unwound holding the baton", "sleep unwound holding the baton",
                "wait unwound holding the baton"),
            seen.subList(1, 5).stream().sorted().toList());
        assertFalse(body.overlapped);
    }
}
