package io.skynetj.lua;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.Failures;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Service;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * skynet's monitor thread: every interval (config {@code endless_interval}, ms, default 5000 as in skynet)
 * it looks for services that have been running the same execution without taking any message since the
 * last look, logs {@code A message from [ :src ] to [ :dst ] maybe in an endless loop (version = N)} and
 * flags them for {@code skynet.endless()} / {@code stat("endless")}. Best effort: it reads each service's
 * current execution from outside the service, so a check may miss a turn.
 */
final class EndlessMonitor implements Runnable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EndlessMonitor.class);
    private final Node node;
    private final long intervalMs;
    private final Set<Integer> flagged = ConcurrentHashMap.newKeySet();

    /**
     * What a look saw running in a service. Weak: a service killed since (the memory guard's victim)
     * must not stay reachable through it until the next look, with all its data.
     */
    private record Seen(WeakReference<Execution> execution, long messages) {
        boolean same(Seen other) {
            return other != null && messages == other.messages && execution.get() != null && execution.get() == other.execution.get();
        }
    }

    EndlessMonitor(Node node) {
        this.node = node;
        String configured = node.getenv("endless_interval");
        this.intervalMs = configured == null ? 5000 : Long.parseLong(configured.trim());
    }

    void start() {
        Failures.prepare();
        // a platform thread: a service spinning in Lua occupies a carrier thread of the virtual threads
        Thread.ofPlatform().daemon().name("skynetj-endless-monitor").start(this);
    }

    /** skynet.endless(): true once after the service was flagged. */
    boolean take(int handle) {
        return flagged.remove(handle);
    }

    @Override
    public void run() {
        Map<Integer, Seen> last = new HashMap<>();
        while (node.isRunning()) {
            try {
                Thread.sleep(intervalMs);
                last = look(last);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) { // an OutOfMemoryError must not end the monitor
                Failures.log(LOG, "the endless-loop monitor failed on {}", "a look at the services", t);
            }
        }
    }

    private Map<Integer, Seen> look(Map<Integer, Seen> last) {
        Map<Integer, Seen> now = new HashMap<>();
        for (Service s : node.services()) {
            Execution e = s.current();
            if (e == null) continue;
            Seen seen = new Seen(new WeakReference<>(e), s.messageCount());
            now.put(s.handle, seen);
            if (seen.same(last.get(s.handle)) && flagged.add(s.handle)) {
                node.log(0, String.format("A message from [ %s ] to [ %s ] maybe in an endless loop (version = %d)",
                    Address.format(e.source()), Address.format(s.handle), seen.messages()));
            }
        }
        return now;
    }
}
