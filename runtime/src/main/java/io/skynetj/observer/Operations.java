package io.skynetj.observer;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of operators' actions the kernel does not count itself: injects and clearcaches. */
public final class Operations {
    private final AtomicLong injects = new AtomicLong();
    private final AtomicLong clearcaches = new AtomicLong();

    public void injected() {
        injects.incrementAndGet();
    }

    public void clearedCache() {
        clearcaches.incrementAndGet();
    }

    long injects() {
        return injects.get();
    }

    long clearcaches() {
        return clearcaches.get();
    }
}
