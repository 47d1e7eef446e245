package io.skynetj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mailbox length, skynet's "May overload" warning, and the back-pressure on one-way sends
 * (config key mailbox_limit): behaviour only, no timings.
 */
class BackPressureTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Node node;

    @AfterEach
    void stop() {
        if (node != null) node.abort(0);
    }

    private Node node(Map<String, String> config) {
        node = new Node(config, new PrintStream(log, true), new NodeLog(new PrintStream(log, true), false));
        return node;
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** A body whose requests go to {@code onRequest} and whose jobs are Runnables. */
    private static final class Body implements ServiceBody {
        volatile Consumer<Execution> onRequest = e -> {};

        @Override
        public boolean run(Execution e) {
            if (e.request != null) onRequest.accept(e);
            else ((Runnable) e.job).run();
            return true;
        }
    }

    private Service start(Body body, Consumer<Service> job) {
        Service s = node.newService(svc -> body);
        node.start(s, (Runnable) () -> job.accept(s));
        return s;
    }

    @Test
    void aSenderCannotRunAheadOfItsReceiverByMuchMoreThanTheLimit() throws Exception {
        node(Map.of("mailbox_limit", "200"));
        int n = 5000;
        List<Integer> received = new ArrayList<>();
        AtomicLong maxBacklog = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        Body receiverBody = new Body();
        Service receiver = start(receiverBody, s -> {});
        receiverBody.onRequest = e -> {
            maxBacklog.accumulateAndGet(receiver.mailboxLength(), Math::max);
            received.add(e.request.data[0] & 0xff | (e.request.data[1] & 0xff) << 8);
            LockSupportSleep.micros(20); // a slow receiver
            if (received.size() == n) done.countDown();
        };
        Service sender = start(new Body(), s -> {
            for (int i = 0; i < n; i++) s.send(receiver.handle, Ptype.LUA, 0, new byte[] {(byte) i, (byte) (i >> 8)});
        });
        assertTrue(done.await(60, TimeUnit.SECONDS), "every message arrives");
        for (int i = 0; i < n; i++) assertEquals(i, received.get(i), "in order");
        assertTrue(maxBacklog.get() <= 200 + 10, "mailbox stayed near the limit: " + maxBacklog.get());
        assertTrue(sender.throttledSends() > 0, "the sender waited");
    }

    @Test
    void sendingToItselfOrWithoutALimitNeverWaits() throws Exception {
        node(Map.of("mailbox_limit", "10"));
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger got = new AtomicInteger();
        Body body = new Body();
        body.onRequest = e -> {
            if (got.incrementAndGet() == 1000) done.countDown();
        };
        Service self = start(body, s -> {
            for (int i = 0; i < 1000; i++) s.send(s.handle, Ptype.LUA, 0, new byte[] {1});
        });
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertEquals(0, self.throttledSends());
    }

    @Test
    void aDeadReceiverReleasesAWaitingSender() throws Exception {
        node(Map.of("mailbox_limit", "5"));
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Body stuckBody = new Body();
        Service stuck = start(stuckBody, s -> {});
        stuckBody.onRequest = e -> {
            blocked.countDown();
            e.service().sleep(100_000, null); // never takes the next message
        };
        start(new Body(), s -> {
            for (int i = 0; i < 20; i++) s.send(stuck.handle, Ptype.LUA, 0, new byte[] {1});
            finished.countDown();
        });
        assertTrue(blocked.await(20, TimeUnit.SECONDS));
        node.kill(stuck.handle);
        assertTrue(finished.await(20, TimeUnit.SECONDS), "the sender goes on once the receiver is gone");
    }

    @Test
    void aLongMailboxLogsSkynetsOverloadWarningAndItsLengthIsKnown() throws Exception {
        node(Map.of("mailbox_limit", "0"));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(3001);
        Body body = new Body();
        Service receiver = start(body, s -> {});
        body.onRequest = e -> {
            first.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            all.countDown();
        };
        assertTrue(node.send(0, receiver.handle, Ptype.LUA, 0, new byte[] {0}));
        assertTrue(first.await(20, TimeUnit.SECONDS));
        for (int i = 0; i < 3000; i++) assertTrue(node.send(0, receiver.handle, Ptype.LUA, 0, new byte[] {1}));
        assertEquals(3000, receiver.mailboxLength());
        release.countDown();
        assertTrue(all.await(20, TimeUnit.SECONDS));
        assertTrue(log().contains("May overload, message queue length = "), log());
        assertEquals(0, receiver.mailboxLength());
        long warnings = log().lines().filter(l -> l.contains("May overload")).count();
        assertTrue(warnings >= 1 && warnings <= 2, "the threshold doubles after each warning: " + log());
    }

    @Test
    void aBadMailboxLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> node(Map.of("mailbox_limit", "lots")));
        assertEquals(Node.DEFAULT_MAILBOX_LIMIT, node(Map.of()).mailboxLimit());
        assertFalse(node(Map.of("mailbox_limit", "0")).mailboxLimit() > 0);
    }

    /** Busy-waits: a receiver slower than its sender without blocking (blocking would pass the baton). */
    private static final class LockSupportSleep {
        static void micros(long us) {
            long end = System.nanoTime() + us * 1000;
            while (System.nanoTime() < end) Thread.onSpinWait();
        }
    }
}
