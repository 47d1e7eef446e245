package io.skynetj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timing wheel: never early, same-deadline timers in arming order, cancel, delays, shutdown. */
class TimersTest {
    private final Timers timers = new Timers();

    @AfterEach
    void stop() {
        timers.shutdown();
    }

    @Test
    void timersNeverFireEarlyAndAllFire() throws Exception {
        int n = 2000;
        CountDownLatch all = new CountDownLatch(n);
        AtomicInteger early = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            long cs = i % 7;
            long armed = System.nanoTime();
            timers.schedule(cs, () -> {
                if (System.nanoTime() - armed < cs * 10_000_000L) early.incrementAndGet();
                all.countDown();
            });
        }
        assertTrue(all.await(20, TimeUnit.SECONDS), "every timer fires");
        assertEquals(0, early.get(), "no timer fires before its time");
    }

    @Test
    void timersWithTheSameDeadlineFireInArmingOrder() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(500);
        for (int i = 0; i < 500; i++) {
            int id = i;
            timers.schedule(3, () -> {
                order.add(id);
                all.countDown();
            });
        }
        assertTrue(all.await(20, TimeUnit.SECONDS));
        List<Integer> sorted = new ArrayList<>(order);
        Collections.sort(sorted);
        assertEquals(sorted, order);
    }

    @Test
    void aLateWheelStillFiresTimersInDueOrder() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(500);
        CountDownLatch blocking = new CountDownLatch(1);
        timers.schedule(1, () -> { // holds the timer thread ~80 ms: everything below is due when it is back
            blocking.countDown();
            long end = System.nanoTime() + 80_000_000L;
            while (System.nanoTime() < end) Thread.onSpinWait();
        });
        for (int i = 0; i < 250; i++) {
            int id = i;
            timers.schedule(2, () -> { order.add(id); all.countDown(); });
        }
        assertTrue(blocking.await(20, TimeUnit.SECONDS));
        Thread.sleep(20);
        for (int i = 250; i < 500; i++) { // armed later, due later, but taken by the late thread with the rest
            int id = i;
            timers.schedule(1, () -> { order.add(id); all.countDown(); });
        }
        assertTrue(all.await(20, TimeUnit.SECONDS));
        List<Integer> sorted = new ArrayList<>(order);
        Collections.sort(sorted);
        assertEquals(sorted, order);
    }

    @Test
    void cancelledTimersDoNotFireAndKnowTheirDelay() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        long before = System.nanoTime();
        ScheduledFuture<?> far = timers.schedule(500, fired::incrementAndGet);
        ScheduledFuture<?> near = timers.schedule(1, fired::incrementAndGet);
        long delay = far.getDelay(TimeUnit.NANOSECONDS);
        long since = System.nanoTime() - before; // what has passed of the 5 s, however slow this machine is
        assertTrue(delay <= 5_000_000_000L && delay >= 5_000_000_000L - since, "delay " + delay + " ns, " + since + " ns after arming");
        assertTrue(far.cancel(false));
        assertFalse(far.cancel(false), "cancels once");
        assertTrue(far.isCancelled() && far.isDone());
        CountDownLatch later = new CountDownLatch(1);
        timers.schedule(5, later::countDown);
        assertTrue(later.await(20, TimeUnit.SECONDS));
        assertEquals(1, fired.get(), "only the near timer fired");
        assertTrue(near.isDone() && !near.isCancelled());
        assertFalse(near.cancel(false), "a fired timer cannot be cancelled");
    }

    @Test
    void timersBeyondATurnOfTheWheelWaitTheirTurn() throws Exception {
        // 1024 ticks of 1 ms per turn: 150 cs is a turn and a half
        CountDownLatch fired = new CountDownLatch(1);
        long armed = System.nanoTime();
        long[] at = new long[1];
        timers.schedule(150, () -> {
            at[0] = System.nanoTime();
            fired.countDown();
        });
        timers.schedule(1, () -> {}); // wakes the wheel early: the long timer must stay
        assertTrue(fired.await(20, TimeUnit.SECONDS));
        assertTrue(at[0] - armed >= 1_500_000_000L, "fired after " + (at[0] - armed) / 1e6 + " ms");
    }

    @Test
    void aFailingActionDoesNotStopTheWheel() throws Exception {
        timers.schedule(0, () -> {
            throw new IllegalStateException("boom (expected in this test)");
        });
        CountDownLatch next = new CountDownLatch(1);
        timers.schedule(1, next::countDown);
        assertTrue(next.await(20, TimeUnit.SECONDS));
    }

    @Test
    void nothingIsArmedAfterShutdown() {
        timers.shutdown();
        assertNull(timers.schedule(1, () -> {}));
    }
}
