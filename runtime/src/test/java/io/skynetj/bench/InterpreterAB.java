package io.skynetj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A/B of interpreter builds in one JVM (a program, not a test): each build is loaded from its own
 * class path in its own class loader, and rounds of one workload of
 * service-scripts/bench/cpu_workloads.lua alternate between them (who goes first rotates), timed by
 * the thread's CPU clock. Load on the machine then hits every build alike, so differences of a few
 * percent show even on a busy machine (one build against itself: +0.1%).
 * {@code tools/bench-java InterpreterAB [--workload fib30] [--rounds 40] [--warmup-ms 8000] before=old/skynetj.jar after=runtime/target/skynetj.jar};
 * the first build is the baseline.
 */
public final class InterpreterAB {
    public static void main(String[] args) throws Exception {
        String workload = "fib30";
        int rounds = 40;
        long warmupMs = 8000;
        int first = 0;
        for (; first + 1 < args.length && args[first].startsWith("--"); first += 2) {
            switch (args[first]) {
                case "--workload" -> workload = args[first + 1];
                case "--rounds" -> rounds = Integer.parseInt(args[first + 1]);
                case "--warmup-ms" -> warmupMs = Long.parseLong(args[first + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[first]);
            }
        }
        String[] a = java.util.Arrays.copyOfRange(args, first, args.length);
        String src = Files.readString(Path.of(System.getProperty("skynetj.home", "."), "service-scripts", "bench", "cpu_workloads.lua"));
        if (a.length == 0) throw new IllegalArgumentException("usage: InterpreterAB name=classpath ... (the first is the baseline)");
        int n = a.length;
        Object[] fns = new Object[n];
        Method[] calls = new Method[n];
        for (int v = 0; v < n; v++) {
            if (!a[v].contains("=")) throw new IllegalArgumentException("expected name=classpath, got " + a[v]);
            String[] parts = a[v].split("=", 2)[1].split(":");
            URL[] urls = new URL[parts.length];
            for (int i = 0; i < parts.length; i++) urls[i] = Path.of(parts[i]).toUri().toURL();
            ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Object g;
            try {
                g = cl.loadClass("io.skynetj.lua.lib.Libraries").getMethod("standardGlobals").invoke(null);
            } catch (ClassNotFoundException e) { // a build from before skynetj had its own library classes
                g = cl.loadClass("org.luaj.vm2.lib.jse.JsePlatform").getMethod("standardGlobals").invoke(null);
            }
            Class<?> lv = cl.loadClass("org.luaj.vm2.LuaValue");
            Object chunk = g.getClass().getMethod("load", String.class, String.class).invoke(g, src, "@cpu_workloads.lua");
            Object t = lv.getMethod("call").invoke(chunk);
            Object f = lv.getMethod("get", String.class).invoke(t, workload);
            fns[v] = f;
            calls[v] = lv.getMethod("call");
        }
        ThreadMXBean th = ManagementFactory.getThreadMXBean();
        long until = System.nanoTime() + warmupMs * 1_000_000L;
        while (System.nanoTime() < until) for (int v = 0; v < n; v++) calls[v].invoke(fns[v]);
        long[][] cpu = new long[n][rounds];
        for (int r = 0; r < rounds; r++)
            for (int k = 0; k < n; k++) {
                int v = (r + k) % n; // rotate who goes first
                long t0 = th.getCurrentThreadCpuTime();
                calls[v].invoke(fns[v]);
                cpu[v][r] = th.getCurrentThreadCpuTime() - t0;
            }
        double base = 0;
        for (int v = 0; v < n; v++) {
            long[] c = cpu[v].clone();
            Arrays.sort(c);
            double min = c[0] / 1e9, p25 = c[rounds / 4] / 1e9, med = c[rounds / 2] / 1e9;
            if (v == 0) base = p25;
            System.out.printf("%-10s min %.4f  p25 %.4f  median %.4f  p25 vs first %+.1f%%%n", a[v].split("=")[0], min, p25, med, (p25 / base - 1) * 100);
        }
    }
}
