package io.skynetj.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;

/**
 * The arguments of console {@code call <address> <expressions>}: as in skynet, {@code return <expressions>}
 * evaluated in an empty environment. They are evaluated on the connection's thread, so they run under
 * limits of their own: the interpreter's safe points (loop turns and calls) stop them after
 * {@link #CPU_LIMIT_NANOS} of CPU time (or {@link #WALL_LIMIT_NANOS} on a machine too busy to give
 * them that), or once they have allocated {@link #ALLOCATION_LIMIT} bytes; an OutOfMemoryError they
 * cause is their error. An endless loop typed by mistake ends with an error,
 * whether or not the client is still there.
 */
final class CallArguments {
    static final long CPU_LIMIT_NANOS = 2_000_000_000L;
    static final long WALL_LIMIT_NANOS = 10_000_000_000L;
    static final long ALLOCATION_LIMIT = 32L << 20;
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CallArguments() {}

    static Varargs evaluate(String expressions) {
        Prototype p;
        try {
            p = LuaC.instance.compile(new ByteArrayInputStream(("return " + expressions).getBytes(StandardCharsets.UTF_8)), "=debug console");
        } catch (IOException e) {
            throw new CommandFailed("Invalid arguments: " + e.getMessage());
        }
        // an empty table, as skynet's: a Globals only so that the safe points have somewhere to be
        Globals env = new Globals();
        long deadline = System.nanoTime() + WALL_LIMIT_NANOS;
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        env.safepoint = g -> {
            if (THREADS.getCurrentThreadCpuTime() - cpuBefore > CPU_LIMIT_NANOS || System.nanoTime() > deadline)
                throw new LuaError("the arguments took too long to evaluate (" + CPU_LIMIT_NANOS / 1_000_000_000L + " s of CPU, or "
                    + WALL_LIMIT_NANOS / 1_000_000_000L + " s); stopped");
            if (THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore > ALLOCATION_LIMIT)
                throw new LuaError("the arguments used more than " + (ALLOCATION_LIMIT >> 20) + " MiB to evaluate; stopped");
        };
        try {
            return new LuaClosure(p, env).invoke();
        } catch (OutOfMemoryError e) {
            throw new CommandFailed("the arguments need more memory than the node has; stopped");
        }
    }
}
