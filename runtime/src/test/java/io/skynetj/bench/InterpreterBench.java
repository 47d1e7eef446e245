package io.skynetj.bench;

import io.skynetj.lua.lib.Libraries;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Interpreter benchmark (a program, not a test): the CPU-bound workloads of
 * service-scripts/bench/cpu_workloads.lua in one Lua state, timed by the thread's CPU clock rather than
 * the wall clock, so that other processes on a busy machine disturb the figure less. After a warm-up,
 * each workload runs {@code ROUNDS} times; the minimum and the median are printed. Meant for A/B runs of
 * two builds of the interpreter on the same machine:
 * {@code tools/bench-java InterpreterBench} in each tree, alternating.
 */
public final class InterpreterBench {
    private static final int ROUNDS = 15;
    private static final long WARMUP_NANOS = 5_000_000_000L;

    public static void main(String[] args) throws Exception {
        String home = System.getProperty("skynetj.home", ".");
        Path dir = Path.of(home, "service-scripts", "bench");
        Globals g = Libraries.standardGlobals();
        String source = Files.readString(dir.resolve("cpu_workloads.lua"));
        LuaTable work = g.load(source, "@cpu_workloads.lua").call().checktable();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // the collector's write barriers are part of what the interpreter costs: say which one ran
        System.out.println("collector: " + ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName());
        for (String name : args.length > 0 ? args : new String[] {"fib30", "tables_strings"}) {
            LuaValue f = work.get(name);
            if (!f.isfunction()) throw new IllegalArgumentException("no workload named " + name);
            long until = System.nanoTime() + WARMUP_NANOS;
            while (System.nanoTime() < until) f.call();
            long[] cpu = new long[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = threads.getCurrentThreadCpuTime();
                f.call();
                cpu[r] = threads.getCurrentThreadCpuTime() - t0;
            }
            Arrays.sort(cpu);
            System.out.printf("%-16s cpu min %.4f s  median %.4f s%n", name, cpu[0] / 1e9, cpu[ROUNDS / 2] / 1e9);
        }
    }
}
