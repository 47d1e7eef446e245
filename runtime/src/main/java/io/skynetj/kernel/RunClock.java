package io.skynetj.kernel;

/**
 * skynet's {@code profile} accounting (config key profile, on by default): the time each execution
 * of a service runs, holding the baton, and the service's total.
 */
final class RunClock {
    private final boolean on;
    /** When the running execution started or resumed; 0 when none runs (baton holder writes). */
    private long since;
    private volatile long totalNanos;

    RunClock(boolean on) {
        this.on = on;
    }

    /** The current execution starts (or resumes) running. */
    void start() {
        if (on) since = System.nanoTime();
    }

    /** The execution stops running (ends or blocks): its time goes to it and to the service. */
    void stop(Execution e) {
        if (!on || since == 0) return;
        long ran = System.nanoTime() - since;
        since = 0;
        e.runNanos += ran;
        totalNanos += ran;
    }

    /** Seconds all executions ran, the one running now included (0 when off). */
    double totalSeconds() {
        long s = since;
        return (totalNanos + (s == 0 ? 0 : Math.max(0, System.nanoTime() - s))) / 1e9;
    }

    /** Seconds {@code e} has spent running, not blocked; {@code running} is the execution running now. */
    double seconds(Execution e, Execution running) {
        if (e == null || !on) return 0;
        return (e.runNanos + (e != running || since == 0 ? 0 : System.nanoTime() - since)) / 1e9;
    }
}
