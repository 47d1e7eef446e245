package io.skynetj.kernel;

import java.util.concurrent.locks.LockSupport;

/**
 * The virtual threads that run services' work loops, kept parked between uses. Waking an idle service
 * hands its next execution to a parked worker instead of starting a virtual thread, which would cost
 * the thread, its continuation and a few objects more for every message to an idle service. A worker
 * whose execution blocks (a call, a sleep) stays with that execution; the service's next execution
 * goes to another worker. A worker whose loop ended parks again, unless {@link #MAX_IDLE} wait already.
 */
final class Workers {
    /** Parked workers kept at most: about what the services of a busy node have in flight at once. */
    static final int MAX_IDLE = 256;
    private static final Worker[] idle = new Worker[MAX_IDLE];
    private static int idleCount; // guarded by idle

    private Workers() {}

    /** Runs {@code first} and what follows it on a worker, as holder of {@code service}'s baton. */
    static void run(Service service, Execution first) {
        Worker w;
        synchronized (idle) {
            w = idleCount == 0 ? null : idle[--idleCount];
            if (w != null) idle[idleCount] = null;
        }
        if (w == null) {
            w = new Worker();
            w.assign(service, first);
            Thread t = Carriers.newThread(w);
            w.thread = t;
            t.start();
        } else {
            w.assign(service, first);
            LockSupport.unpark(w.thread);
        }
    }

    private static final class Worker implements Runnable {
        volatile Thread thread;
        private Execution execution;
        /** Written after {@link #execution}: a worker sees both once it sees this. */
        private volatile Service service;

        void assign(Service s, Execution e) {
            execution = e;
            service = s;
        }

        @Override
        public void run() {
            do runAssigned(); while (parked());
        }

        /**
         * One service's run, in its own frame: a parked worker must not keep the service it last ran
         * reachable (a dead local in a still-active frame would, and with it the service's code after
         * it exited). The first execution is not kept in a local either: when a later one of the run
         * blocks for good (a connection's reader parked in socket.read), this frame stays on the
         * parked stack, and a local would keep the first execution and its request alive with it.
         */
        private void runAssigned() {
            Service s = service;
            service = null;
            s.work(takeExecution());
            Thread.interrupted(); // nothing of one service's run reaches the next one's
        }

        private Execution takeExecution() {
            Execution e = execution;
            execution = null;
            return e;
        }

        /** Waits in the pool for the next service to run; false when the pool is full (the thread ends). */
        private boolean parked() {
            synchronized (idle) {
                if (idleCount == MAX_IDLE) return false;
                idle[idleCount++] = this;
            }
            while (service == null) LockSupport.park(this);
            return true;
        }
    }
}
