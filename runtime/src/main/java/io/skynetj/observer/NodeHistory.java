package io.skynetj.observer;

import io.skynetj.kernel.Node;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's messages per second and heap over the last minutes, for the page's chart: a sample every
 * {@link #PERIOD_SECONDS} s on one daemon thread, started when the observer is first used and stopped
 * with the node. Each sample sums a few counters over the services.
 */
final class NodeHistory {
    static final int PERIOD_SECONDS = 2;
    static final int SAMPLES = 300; // ten minutes

    /** One sample: when, messages per second since the previous sample, heap used. */
    record Sample(long timeMillis, double messagesPerSecond, long heapUsed) {}

    private final Node node;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private long lastMessages;
    private long lastNanos;
    private final ScheduledExecutorService timer;

    NodeHistory(Node node) {
        this.node = node;
        this.lastMessages = node.messagesHandled();
        this.lastNanos = System.nanoTime();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("skynetj-observer").unstarted(r));
        timer.scheduleAtFixedRate(this::sample, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private void sample() {
        if (!node.isRunning()) {
            timer.shutdown();
            return;
        }
        long messages = node.messagesHandled();
        long now = System.nanoTime();
        double rate = (messages - lastMessages) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastMessages = messages;
        lastNanos = now;
        Sample s = new Sample(System.currentTimeMillis(), Math.max(0, rate), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        synchronized (this) {
            samples.addLast(s);
            if (samples.size() > SAMPLES) samples.removeFirst();
        }
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The rate of the newest sample (0 before the first). */
    synchronized double messagesPerSecond() {
        Sample last = samples.peekLast();
        return last == null ? 0 : last.messagesPerSecond();
    }
}
