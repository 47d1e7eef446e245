package io.skynetj.lua;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceExit;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.SafePoint;

/**
 * What a service's Lua code does at the interpreter's safe points (every {@link SafePoint#EVERY} calls
 * and loop turns): after {@link #SLICE_NANOS} of running it gives its carrier to other threads, so
 * runaway loops cannot starve the node; a killed service stops there; a console {@code signal} is
 * raised there as skynet's "signal 0"; with config {@code endless_limit} (seconds) an execution
 * running longer than that is interrupted with a Lua error; the service's allocations are counted
 * and its memlimit enforced ({@link MemoryAccount}); after a garbage collection that left the heap
 * nearly full, the node's {@link MemoryGuard} looks (and may stop this service).
 */
final class SafePoints implements SafePoint {
    /** How long Lua code runs before it lets other threads have its carrier. */
    static final long SLICE_NANOS = 2_000_000;

    private final Service service;
    private final MemoryAccount memory;
    private final MemoryGuard guard;
    private final double endlessLimitSeconds;
    private volatile boolean signalled;
    /** The service has ended and its finalizers run: only the time slices apply. */
    private volatile boolean closing;
    private long sliceStart = System.nanoTime();

    SafePoints(Service service, MemoryAccount memory, MemoryGuard guard, double endlessLimitSeconds) {
        this.service = service;
        this.memory = memory;
        this.guard = guard;
        this.endlessLimitSeconds = endlessLimitSeconds;
    }

    /** Console {@code signal <address> 0}: the running (or next) Lua code of the service raises "signal 0". */
    void signal() {
        signalled = true;
    }

    /** The service has ended: its finalizers run (ServiceFinalizers), which its death must not stop. */
    void closing() {
        closing = true;
    }

    @Override
    public void reached(Globals g) {
        if (closing) {
            giveWay();
            return;
        }
        if (service.isDead()) throw new ServiceExit(); // killed while running: unwind now
        if (signalled) {
            signalled = false;
            throw new LuaError("signal 0");
        }
        if (endlessLimitSeconds > 0 && service.currentRunSeconds() > endlessLimitSeconds)
            throw new LuaError("endless loop: " + Address.format(service.handle) + " ran one execution longer than endless_limit ("
                + endlessLimitSeconds + " s)");
        memory.check();
        guard.atSafePoint(memory);
        if (service.isDead()) throw new ServiceExit(); // the memory guard stopped this service
        giveWay();
    }

    private void giveWay() {
        long now = System.nanoTime();
        if (now - sliceStart >= SLICE_NANOS) {
            Thread.yield();
            memory.resumed();
            sliceStart = System.nanoTime();
        }
    }
}
