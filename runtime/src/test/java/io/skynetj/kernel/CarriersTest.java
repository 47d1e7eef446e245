package io.skynetj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * skynetj's carrier threads (surefire runs with {@code --add-opens java.base/java.lang} and two
 * carriers): virtual threads run there, a thread woken by another runs on the waker's carrier, a
 * thread left waiting behind a busy carrier is taken by the idle one, and no wake-up is lost.
 */
class CarriersTest {
    private static final long DEADLINE_SECONDS = 20;

    private static String carrierName() {
        String s = Thread.currentThread().toString(); // VirtualThread[#n]/runnable@skynetj-carrier-0
        return s.substring(s.indexOf('@') + 1);
    }

    @Test
    void virtualThreadsRunOnSkynetjCarriers() throws Exception {
        assertTrue(Carriers.active(), "the test run opens java.lang, so skynetj's scheduler must be in use");
        CompletableFuture<String> where = new CompletableFuture<>();
        Carriers.start(() -> where.complete(carrierName()));
        assertTrue(where.get(DEADLINE_SECONDS, TimeUnit.SECONDS).startsWith("skynetj-carrier-"));
        CompletableFuture<String> named = new CompletableFuture<>();
        Carriers.factory("worker").newThread(() -> named.complete(Thread.currentThread().getName() + " " + carrierName())).start();
        assertTrue(named.get(DEADLINE_SECONDS, TimeUnit.SECONDS).matches("worker skynetj-carrier-\\d"));
    }

    /** A request/reply pair between two threads stays on one carrier: the woken thread takes the waker's place. */
    @Test
    void aThreadWokenByAnotherRunsOnTheWakersCarrier() throws Exception {
        int rounds = 2000;
        AtomicInteger sameCarrier = new AtomicInteger();
        AtomicInteger phase = new AtomicInteger();
        Thread[] threads = new Thread[2];
        String[] lastCarrier = new String[1];
        CountDownLatch done = new CountDownLatch(2);
        for (int side = 0; side < 2; side++) {
            int me = side;
            threads[side] = Carriers.factory("pingpong-" + side).newThread(() -> {
                for (int i = 0; i < rounds; i++) {
                    while (phase.get() % 2 != me) LockSupport.park();
                    String here = carrierName();
                    if (here.equals(lastCarrier[0])) sameCarrier.incrementAndGet();
                    lastCarrier[0] = here;
                    phase.incrementAndGet();
                    LockSupport.unpark(threads[1 - me]);
                }
                done.countDown();
            });
        }
        threads[0].start();
        threads[1].start();
        assertTrue(done.await(DEADLINE_SECONDS, TimeUnit.SECONDS), "ping-pong did not finish");
        // With the JDK's default scheduler most hand-offs cross carriers; here nearly all stay.
        assertTrue(sameCarrier.get() > rounds * 2 * 9 / 10, "hand-offs on the same carrier: " + sameCarrier.get() + " of " + rounds * 2);
    }

    /**
     * Threads started by one that then keeps its carrier busy must not wait for it: the idle carrier
     * takes them (the last one started waits in the carrier's slot, the others in its queue).
     */
    @Test
    void threadsBehindABusyCarrierAreTakenByTheIdleOne() throws Exception {
        assertEquals(3, threadsRunWhileTheirStarterSpins(() -> {}), "threads that only ran once their starter's carrier was free");
    }

    /**
     * The same once the carrier has been busy long enough, with no thread waiting, that the monitor
     * looks only every {@link Carriers#MAX_SLEEP_NANOS}: the threads it starts then are still taken.
     */
    @Test
    void threadsBehindACarrierBusyForLongAreStillTakenByTheIdleOne() throws Exception {
        long[] monitorSlept = new long[1];
        int ran = threadsRunWhileTheirStarterSpins(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            while (Carriers.monitorSleepNanos() < Carriers.MAX_SLEEP_NANOS && System.nanoTime() < deadline) Thread.onSpinWait();
            monitorSlept[0] = Carriers.monitorSleepNanos();
        });
        assertEquals(Carriers.MAX_SLEEP_NANOS, monitorSlept[0], "the monitor never slept its longest while a carrier was busy with nothing waiting");
        assertEquals(3, ran, "threads that only ran once their starter's carrier was free");
    }

    /**
     * A thread on the carriers runs {@code first}, then starts three threads and spins (never parking)
     * until they ran or the deadline passed; returns how many ran.
     */
    private static int threadsRunWhileTheirStarterSpins(Runnable first) throws Exception {
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Integer> spinnerSaw = new CompletableFuture<>();
        Carriers.start(() -> {
            first.run();
            for (int i = 0; i < 3; i++) Carriers.start(ran::incrementAndGet);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            while (ran.get() < 3 && System.nanoTime() < deadline) Thread.onSpinWait();
            spinnerSaw.complete(ran.get());
        });
        return spinnerSaw.get(2 * DEADLINE_SECONDS + 5, TimeUnit.SECONDS);
    }

    /** Thread.yield lets the other threads of the carrier run (a yielding thread goes behind them). */
    @Test
    void aYieldingThreadLetsOthersRun() throws Exception {
        int threads = 8;
        AtomicInteger arrived = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Carriers.start(() -> {
                arrived.incrementAndGet();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
                while (arrived.get() < threads && System.nanoTime() < deadline) Thread.yield();
                if (arrived.get() == threads) done.countDown();
            });
        }
        assertTrue(done.await(DEADLINE_SECONDS + 5, TimeUnit.SECONDS), "yielding threads kept others from running");
    }

    /**
     * No lost wake-ups: 500 threads in a ring pass a token 20,000 times, woken from virtual threads,
     * while platform threads wake a second set of threads from outside the carriers.
     */
    @Test
    void noWakeUpIsLostUnderLoad() throws Exception {
        int ring = 500, passes = 20_000;
        Thread[] members = new Thread[ring];
        AtomicInteger holder = new AtomicInteger();
        AtomicInteger passed = new AtomicInteger();
        CountDownLatch ringDone = new CountDownLatch(ring);
        for (int i = 0; i < ring; i++) {
            int me = i;
            members[i] = Carriers.factory("ring-" + i).newThread(() -> {
                for (;;) {
                    while (holder.get() % ring != me) LockSupport.park();
                    int n = passed.incrementAndGet();
                    holder.incrementAndGet();
                    LockSupport.unpark(members[(me + 1) % ring]);
                    if (n > passes - ring) break;
                }
                ringDone.countDown();
            });
        }
        for (Thread t : members) t.start();

        int waiters = 200;
        CountDownLatch woken = new CountDownLatch(waiters);
        List<Thread> sleepers = new ArrayList<>();
        AtomicBoolean go = new AtomicBoolean();
        for (int i = 0; i < waiters; i++) {
            sleepers.add(Carriers.start(() -> {
                while (!go.get()) LockSupport.park();
                woken.countDown();
            }));
        }
        Thread external = Thread.ofPlatform().start(() -> {
            go.set(true);
            for (Thread t : sleepers) LockSupport.unpark(t);
        });
        external.join();
        assertTrue(ringDone.await(DEADLINE_SECONDS, TimeUnit.SECONDS), "the ring stalled at " + passed.get() + " passes");
        assertTrue(woken.await(DEADLINE_SECONDS, TimeUnit.SECONDS), woken.getCount() + " threads woken from outside the carriers never ran");
    }
}
