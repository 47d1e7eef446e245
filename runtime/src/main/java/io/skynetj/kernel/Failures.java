package io.skynetj.kernel;

import org.slf4j.Logger;

/**
 * Logging a failure where a kernel thread catches it (a service's worker, a carrier, the timer
 * thread, monitors). Logging allocates, and the failure may be an OutOfMemoryError: then the log
 * call can throw again, and a thread that let it escape would leave a service holding its baton or
 * a carrier or timer thread dead. So this never throws; when the full message cannot be logged it
 * tries a short line, and otherwise gives up.
 */
public final class Failures {
    private Failures() {}

    /**
     * Called where a kernel thread starts: loads this class before any failure. Loaded for the first
     * time while the heap is full, it would fail to load, and that error would escape the very
     * handler meant to catch the first one (it did: the timer thread and a carrier died so).
     */
    public static void prepare() {
        // loading the class is the point
    }

    /** Logs {@code failure} with an SLF4J pattern of one argument; the text is built inside, where a failure is caught. */
    public static void log(Logger log, String pattern, Object arg, Throwable failure) {
        try {
            log.error(pattern, arg, failure);
        } catch (Throwable again) {
            try {
                log.error("{} ({}; logging it failed: {})", pattern, failure.getClass().getSimpleName(), again.getClass().getSimpleName());
            } catch (Throwable ignored) {
                // nothing left to report with
            }
        }
    }
}
