package io.skynetj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark suite ({@code tools/bench}, {@code skynetj bench}). Each scenario is an ordinary skynet
 * Lua service under {@code service-scripts/bench/} that prints {@code BENCH name key=value ...} lines and
 * calls {@code skynet.abort()}. Every run of a scenario is a fresh node in a fresh JVM; the scenarios take
 * turns (run 1 of each, then run 2 of each, ...) so a burst of load from elsewhere spreads over all of
 * them. The summary gives the median of each value with its range, next to real skynet's figures from
 * design.md §8; the JSON file keeps every run.
 */
public final class BenchRunner {
    /** The scenarios, in the order they run; each is a service file in service-scripts/bench/. */
    static final String WARMUP = "warm-up: each scenario repeats its workload untimed for bench_warmup_secs (default 10 s: long enough for the JIT to finish on a busy 2-core machine) before the timed pass; cold_rate is the first of those passes";

    static final List<String> SCENARIOS = List.of("idle", "pingpong", "sends", "newservice", "timers", "codecache", "upgrade", "cpu");

    /**
     * skynet's figures (real skynet, thread = 2, on the same kind of 2-core machine; design.md §8) and the
     * targets of issue 8, as ratios skynetj/skynet (for lower-is-better values, skynet/skynetj).
     */
    record Reference(String bench, String key, String label, String unit, double skynet, boolean higherBetter, String target) {}

    static final List<Reference> REFERENCES = List.of(
        new Reference("startup", "startup_ms", "node start-up (process start to start service)", "ms", Double.NaN, false, ""),
        new Reference("idle", "rss_mb", "idle RSS", "MB", 14, false, ""),
        new Reference("call_1", "rate", "(a) call ping-pong, 1 caller", "calls/s", 249_077, true, ">= 1.5x"),
        new Reference("call_1", "cold_rate", "(a) 1 caller, first pass in a cold JVM", "calls/s", 249_077, true, ""),
        new Reference("call_10", "rate", "(a) call ping-pong, 10 callers", "calls/s", 254_071, true, ">= 1.5x"),
        new Reference("send", "rate", "(b) 1M sends + call, end to end", "msgs/s", 533_100, true, ">= 1.0x"),
        new Reference("send", "rss_grow_mb", "(b) RSS growth during the sends", "MB", 51, false, "bounded"),
        new Reference("send", "cold_rate", "(b) sends, first pass in a cold JVM", "msgs/s", 533_100, true, ""),
        new Reference("newservice", "rate", "(c) newservice, sequential", "/s", 8_824, true, ">= 2x"),
        new Reference("newservice", "cold_rate", "(c) newservice, first pass in a cold JVM", "/s", 8_824, true, ""),
        new Reference("newservice", "heap_kb_each", "(c) memory per live service (skynetj: heap after GC)", "KB", 50.7, false, "<= 25 KB"),
        new Reference("newservice", "rss_kb_each", "(c) RSS growth per service (cold JVM: heap growing too)", "KB", Double.NaN, false, ""),
        new Reference("kill", "rate", "(c) kill", "/s", 42_911, true, ""),
        new Reference("timeout0", "rate", "(d) timeout(0) callbacks", "/s", 318_088, true, ">= 1.0x"),
        new Reference("timeout_spread", "all_fired_secs", "(d) 10k timeouts over 1..100 cs: all fired", "s", 1.003, false, ""),
        new Reference("timeout_spread", "max_late_cs", "(d) worst lateness (skynet.now)", "cs", 1, false, "<= 1 cs"),
        new Reference("timeout_spread", "max_late_ms", "(d) worst lateness (skynet.hpc)", "ms", Double.NaN, false, ""),
        new Reference("timeout_spread", "p99_late_ms", "(d) 99th percentile lateness", "ms", Double.NaN, false, ""),
        new Reference("newservice_cache", "warm_us", "(e) newservice, warm code cache", "us", Double.NaN, false, ""),
        new Reference("newservice_cache", "cold_us", "(e) newservice, cold code cache", "us", Double.NaN, false, ""),
        new Reference("routed_call", "direct_per_s", "(e) call ping-pong, direct", "calls/s", Double.NaN, true, ""),
        new Reference("routed_call", "routed_per_s", "(e) same, through a managed name (route)", "calls/s", Double.NaN, true, ""),
        new Reference("upgrade_pause", "busy_p99_us", "(e) call latency during upgrades, p99", "us", Double.NaN, false, ""),
        new Reference("upgrade_pause", "busy_max_us", "(e) call latency during upgrades, max", "us", Double.NaN, false, ""),
        new Reference("upgrade_pause", "upgrade_p50_ms", "(e) one upgrade under ~10k calls/s, median", "ms", Double.NaN, false, ""),
        new Reference("fib30", "secs", "(f) fib(30)", "s", Double.NaN, false, ""),
        new Reference("tables_strings", "secs", "(f) table/string workload", "s", Double.NaN, false, ""));

    private final Path home;
    private final Options options;
    private final PrintStream out;
    /** bench name → key → one value per run. */
    final Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();

    BenchRunner(Path home, Options options, PrintStream out) {
        this.home = home;
        this.options = options;
        this.out = out;
    }

    /** Command-line options of {@code skynetj bench}. */
    static final class Options {
        int runs = 5;
        int thread = 2;
        List<String> only = SCENARIOS;
        Path output;
        List<String> javaOptions = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        long timeoutSeconds = 300;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--runs" -> o.runs = positive(a, value(args, ++i, a));
                    case "--thread" -> o.thread = positive(a, value(args, ++i, a));
                    case "--only" -> {
                        o.only = List.of(value(args, ++i, a).split(","));
                        for (String s : o.only)
                            if (!SCENARIOS.contains(s)) throw new IllegalArgumentException("unknown scenario '" + s + "'; scenarios: " + String.join(",", SCENARIOS));
                    }
                    case "--out" -> o.output = Path.of(value(args, ++i, a));
                    case "--java-opts" -> o.javaOptions.addAll(Arrays.asList(value(args, ++i, a).trim().split("\\s+")));
                    case "--set" -> {
                        String kv = value(args, ++i, a);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) throw new IllegalArgumentException("--set needs key=value, not '" + kv + "'");
                        o.params.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    case "--timeout" -> o.timeoutSeconds = positive(a, value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            o.javaOptions.removeIf(String::isEmpty);
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }

        private static int positive(String option, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException(option + " needs a positive number, not '" + v + "'");
        }
    }

    public static final String USAGE = """
        usage: skynetj bench [options]      (or tools/bench [options])

          --runs N            runs of each scenario, each in a fresh JVM (default 5); medians reported
          --only a,b          scenarios to run (default all): %s
          --thread N          carrier threads, skynet's `thread` (default 2)
          --out FILE          JSON results (default target/bench/results.json)
          --java-opts "..."   JVM options for the benchmarked nodes, after the ones tools/skynetj uses
                              (SKYNETJ_JAVA_OPTS or its defaults); a collector given here replaces theirs
          --set key=value     a config key for the scenarios, e.g. --set bench_calls=20000 or
                              --set bench_warmup_secs=0 (see service-scripts/bench/*.lua)
          --timeout SECS      give up on a run after this long (default 300)
        """.formatted(String.join(",", SCENARIOS));

    /** {@code skynetj bench}: returns the exit code. */
    public static int main(Path home, String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("skynetj bench: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (options.output == null) options.output = home.resolve("target/bench/results.json");
        try {
            new BenchRunner(home, options, out).runAll();
            return 0;
        } catch (BenchFailure e) {
            System.err.println("skynetj bench: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("skynetj bench: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    void runAll() throws IOException, InterruptedException {
        Path work = options.output.toAbsolutePath().getParent();
        Files.createDirectories(work);
        String loadBefore = loadAverage();
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        List<String> jvm = jvmOptions();
        out.printf("skynetj bench: %d run(s) of %s, thread = %d, JVM options: %s%n", options.runs,
            String.join(",", options.only), options.thread, jvm.isEmpty() ? "(JVM defaults)" : String.join(" ", jvm));
        out.printf("%s; load average now: %s%n", WARMUP, loadBefore);
        for (int run = 1; run <= options.runs; run++) {
            for (String scenario : options.only) {
                out.printf("  run %d/%d %-11s", run, options.runs, scenario);
                out.flush();
                List<String> lines = runScenario(scenario, run, work);
                out.println(" " + String.join(" | ", lines.stream().map(l -> l.substring("BENCH ".length())).toList()));
            }
        }
        String loadAfter = loadAverage();
        out.println();
        out.print(table());
        out.printf("load average before: %s, after: %s (the machine may be shared: compare medians, not single runs)%n", loadBefore, loadAfter);
        Files.writeString(options.output, json(started, loadBefore, loadAfter));
        out.println("results: " + options.output);
    }

    /** Runs one scenario in a fresh JVM; returns its BENCH lines (the start-up time added) and records their values. */
    List<String> runScenario(String scenario, int run, Path work) throws IOException, InterruptedException {
        Path config = work.resolve("config-" + scenario);
        Files.writeString(config, config(scenario));
        Path log = work.resolve(scenario + "-run" + run + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions());
        command.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // what the jar's manifest gives tools/skynetj (kernel.Carriers)
        command.add("-Dskynetj.home=" + home);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.skynetj.cli.Main");
        command.add("run");
        command.add(config.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false).redirectError(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        List<String> other = new ArrayList<>();
        Thread killer = Thread.ofPlatform().daemon().start(() -> {
            try {
                if (!p.waitFor(options.timeoutSeconds, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("BENCH ")) {
                    other.add(line);
                    continue;
                }
                if (line.startsWith("BENCH startup ")) line += String.format(Locale.ROOT, " startup_ms=%.1f", (System.nanoTime() - t0) / 1e6);
                lines.add(line);
            }
        }
        int code = p.waitFor();
        killer.interrupt();
        if (code != 0 || lines.isEmpty()) {
            List<String> err = Files.exists(log) ? Files.readAllLines(log) : List.of();
            throw new BenchFailure("scenario " + scenario + " (run " + run + ") failed, exit code " + code + "\n"
                + String.join("\n", tail(other, 20)) + "\n" + String.join("\n", tail(err, 20)) + "\n(log: " + log + ")");
        }
        for (String l : lines) record(l);
        return lines;
    }

    /**
     * The benchmarked nodes' JVM options: this JVM's own -X/-XX options (tools/skynetj's defaults or
     * SKYNETJ_JAVA_OPTS, so the suite measures what {@code skynetj run} runs), then --java-opts, whose
     * collector choice replaces an inherited one.
     */
    List<String> jvmOptions() {
        List<String> inherited = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("-XX:") || a.startsWith("-Xm") || a.startsWith("-Xss")) inherited.add(a);
        return jvmOptions(inherited, options.javaOptions);
    }

    static List<String> jvmOptions(List<String> inherited, List<String> given) {
        boolean choosesGc = given.stream().anyMatch(BenchRunner::selectsCollector);
        List<String> all = new ArrayList<>();
        for (String a : inherited) if (!(choosesGc && selectsCollector(a))) all.add(a);
        all.addAll(given);
        return all;
    }

    private static boolean selectsCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    private String config(String scenario) {
        String dir = home.resolve("service-scripts/bench").toString();
        StringBuilder sb = new StringBuilder()
            .append("thread = ").append(options.thread).append('\n')
            .append("start = ").append(quote(scenario)).append('\n')
            .append("luaservice = ").append(quote(dir + "/?.lua")).append('\n')
            .append("lua_path = ").append(quote(dir + "/?.lua")).append('\n');
        options.params.forEach((k, v) -> sb.append(k).append(" = ").append(quote(v)).append('\n'));
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Records the key=value fields of one BENCH line. */
    void record(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length < 2 || !words[0].equals("BENCH")) return;
        Map<String, List<Double>> byKey = results.computeIfAbsent(words[1], k -> new LinkedHashMap<>());
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) continue;
            try {
                byKey.computeIfAbsent(words[i].substring(0, eq), k -> new ArrayList<>()).add(Double.parseDouble(words[i].substring(eq + 1)));
            } catch (NumberFormatException notANumber) {
                // non-numeric fields are only shown in the per-run lines
            }
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private List<Double> values(String bench, String key) {
        Map<String, List<Double>> byKey = results.get(bench);
        return byKey == null ? null : byKey.get(key);
    }

    /** The summary: one row per reference value that was measured. */
    String table() {
        StringBuilder sb = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-48s %11s %-26s %9s %7s  %s%n", "benchmark", "skynetj", "(min..max, n)", "skynet", "ratio", "target");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (Reference ref : REFERENCES) {
            List<Double> v = values(ref.bench, ref.key);
            if (v == null || v.isEmpty()) continue;
            double med = median(v);
            double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            String range = "(" + format(min) + ".." + format(max) + ", " + v.size() + ")";
            String ratio = "";
            if (!Double.isNaN(ref.skynet)) {
                double r = ref.higherBetter ? med / ref.skynet : ref.skynet / med;
                ratio = Double.isFinite(r) ? String.format(Locale.ROOT, "%.2fx", r) : "-";
            }
            sb.append(String.format(Locale.ROOT, "%-48s %11s %-26s %9s %7s  %s%n", ref.label + " [" + ref.unit + "]", format(med), range,
                Double.isNaN(ref.skynet) ? "-" : format(ref.skynet), ratio, ref.target));
        }
        sb.append("ratio = skynetj/skynet for rates, skynet/skynetj for times and sizes: above 1.00x skynetj is better\n");
        return sb.toString();
    }

    static String format(double d) {
        if (Double.isNaN(d)) return "-";
        double a = Math.abs(d);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", d);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", d);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", d);
        return String.format(Locale.ROOT, "%.4f", d);
    }

    /** Every run's values and the medians, with the settings and the machine's load. */
    String json(String started, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"started\": ").append(str(started)).append(",\n");
        sb.append("  \"java\": ").append(str(System.getProperty("java.vm.name") + " " + Runtime.version())).append(",\n");
        sb.append("  \"java_options\": ").append(strings(jvmOptions())).append(",\n");
        sb.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        sb.append("  \"thread\": ").append(options.thread).append(",\n");
        sb.append("  \"runs\": ").append(options.runs).append(",\n");
        sb.append("  \"warmup\": ").append(str(WARMUP)).append(",\n");
        sb.append("  \"params\": {");
        int i = 0;
        for (var e : options.params.entrySet()) sb.append(i++ > 0 ? ", " : "").append(str(e.getKey())).append(": ").append(str(e.getValue()));
        sb.append("},\n");
        sb.append("  \"load_average_before\": ").append(str(loadBefore)).append(",\n");
        sb.append("  \"load_average_after\": ").append(str(loadAfter)).append(",\n");
        sb.append("  \"results\": {");
        int b = 0;
        for (var bench : results.entrySet()) {
            sb.append(b++ > 0 ? "," : "").append("\n    ").append(str(bench.getKey())).append(": {");
            int k = 0;
            for (var key : bench.getValue().entrySet()) {
                sb.append(k++ > 0 ? "," : "").append("\n      ").append(str(key.getKey())).append(": {\"median\": ")
                    .append(num(median(key.getValue()))).append(", \"runs\": [");
                for (int j = 0; j < key.getValue().size(); j++) sb.append(j > 0 ? ", " : "").append(num(key.getValue().get(j)));
                sb.append("]");
                Reference ref = reference(bench.getKey(), key.getKey());
                if (ref != null && !Double.isNaN(ref.skynet)) sb.append(", \"skynet\": ").append(num(ref.skynet));
                sb.append("}");
            }
            sb.append("\n    }");
        }
        sb.append("\n  }\n}\n");
        return sb.toString();
    }

    private static Reference reference(String bench, String key) {
        for (Reference r : REFERENCES) if (r.bench.equals(bench) && r.key.equals(key)) return r;
        return null;
    }

    private static String num(double d) {
        return Double.isFinite(d) ? BigDecimalText.of(d) : "null";
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String strings(List<String> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) sb.append(i > 0 ? ", " : "").append(str(list.get(i)));
        return sb.append(']').toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<String> tail(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    /** Plain decimal text for JSON numbers (no exponent for ordinary values). */
    private static final class BigDecimalText {
        static String of(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : new java.math.BigDecimal(d).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
        }
    }

    /** A scenario that did not complete. */
    static final class BenchFailure extends RuntimeException {
        BenchFailure(String message) {
            super(message, null, false, false);
        }
    }
}
