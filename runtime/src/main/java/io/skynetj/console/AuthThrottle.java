package io.skynetj.console;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Back-off for wrong console tokens, per peer host (every port and connection of a host together): the
 * first wrong token costs nothing (a typo), each further one makes the host wait before its next try
 * is even checked: 1 s, 2 s, 4 s... up to a minute. A right token clears the host's record; so does a
 * quiet hour. Tries during the wait are refused unchecked, so guessing goes at about one try a minute.
 */
final class AuthThrottle {
    private static final long FIRST_WAIT_NANOS = 1_000_000_000L;
    private static final long MAX_WAIT_NANOS = 60_000_000_000L;
    private static final long FORGET_NANOS = 3_600_000_000_000L;
    /** Hosts remembered at most; the longest quiet ones are forgotten first. */
    private static final int MAX_HOSTS = 4096;

    private static final class Record {
        int failures;
        long lastFailure;
        long allowedAt;
    }

    private final Map<String, Record> hosts = new LinkedHashMap<>(16, 0.75f, true);

    /** Nanoseconds {@code host} must still wait before a token it sends is checked; 0 when it may try now. */
    synchronized long waitNanos(String host) {
        Record r = hosts.get(host);
        return r == null ? 0 : Math.max(0, r.allowedAt - System.nanoTime());
    }

    /** A wrong token from {@code host}; returns how long it must now wait (0 after a first failure). */
    synchronized long failed(String host) {
        long now = System.nanoTime();
        Record r = hosts.get(host);
        if (r == null || now - r.lastFailure > FORGET_NANOS) {
            r = new Record();
            hosts.put(host, r);
        }
        r.failures++;
        r.lastFailure = now;
        long wait = r.failures < 2 ? 0 : Math.min(MAX_WAIT_NANOS, FIRST_WAIT_NANOS << Math.min(r.failures - 2, 6));
        r.allowedAt = now + wait;
        trim();
        return wait;
    }

    /** The right token from {@code host}: its earlier failures are forgotten. */
    synchronized void succeeded(String host) {
        hosts.remove(host);
    }

    private void trim() {
        Iterator<Record> oldest = hosts.values().iterator();
        while (hosts.size() > MAX_HOSTS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** A wait in whole seconds, rounded up, for messages. */
    static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
