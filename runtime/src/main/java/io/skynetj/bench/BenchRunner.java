package io.skynetj.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark suite ({@code tools/bench}, {@code skynetj bench}). Each scenario is an ordinary skynet
 * Lua service under {@code service-scripts/bench/} that prints {@code BENCH name key=value ...} lines and
 * calls {@code skynet.abort()}. Every run of a scenario is a fresh node (a fresh JVM); the scenarios take
 * turns (run 1 of each, then run 2 of each, ...) so a burst of load from elsewhere spreads over all of
 * them. With {@code --skynet DIR} each run of a scenario also runs on a skynet built from its sources in
 * DIR, the two systems alternating (which one goes first swaps every run), and the summary gives the
 * ratio of the two medians per row; the JSON file keeps every run of both. The echo scenario, whose
 * load the runner generates itself, runs both systems' nodes at once instead and drives them in
 * turn, pass by pass, so both meet the machine at the same speed.
 */
public final class BenchRunner {
    static final String WARMUP = "warm-up: each scenario repeats its workload untimed for bench_warmup_secs (default 10 s: long enough for the JIT to finish on a busy 2-core machine) before the timed passes; cold rows are the first of those passes, in a fresh node";

    /** The scenarios, in the order they run; each is a service file in service-scripts/bench/. */
    static final List<String> SCENARIOS = List.of("idle", "pingpong", "sends", "newservice", "live_services", "timers", "codecache", "upgrade", "cpu", "echo");

    /** Scenarios that need skynetj's own modules (skynet.upgrade), so they do not run on skynet. */
    static final Set<String> SKYNETJ_ONLY = Set.of("upgrade");
    /**
     * Scenarios whose load the runner generates (EchoLoad): with --skynet both systems' nodes run at
     * once and take the load in turn, pass by pass.
     */
    static final Set<String> DRIVEN = Set.of("echo");

    /** The two systems a scenario runs on. */
    enum Target {
        SKYNETJ, SKYNET;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a row compares the two systems. */
    enum Compare {
        /** both values and their ratio */
        RATIO,
        /** both values, no ratio (the two measure different things, or the ratio of two near-zero values says nothing) */
        VALUES,
        /** skynetj's value only (skynet has no such thing, or its reading there means something else) */
        SKYNETJ
    }

    /** One row of the summary: a BENCH key, what it measures, and the goal for the ratio skynetj/skynet. */
    record Row(String bench, String key, String label, String unit, boolean higherBetter, Compare compare, String goal) {}

    static final List<Row> ROWS = List.of(
        new Row("startup", "startup_ms", "node start-up (process start to start service)", "ms", false, Compare.VALUES, "<= 300 ms"),
        new Row("idle", "rss_mb", "idle RSS", "MB", false, Compare.RATIO, ""),
        new Row("call_1", "rate", "(a) call ping-pong, 1 caller", "calls/s", true, Compare.RATIO, ">= 1.5x"),
        new Row("call_1", "cpu_us_each", "(a) CPU per call, 1 caller (all threads)", "us", false, Compare.RATIO, ""),
        new Row("call_1", "cold_rate", "(a) cold: first 200,000 calls, fresh node", "calls/s", true, Compare.RATIO, ">= 1.5x"),
        new Row("call_10", "rate", "(a) call ping-pong, 10 callers", "calls/s", true, Compare.RATIO, ">= 1.5x"),
        new Row("send", "rate", "(b) 1M sends + call, end to end", "msgs/s", true, Compare.RATIO, ">= 1.0x"),
        new Row("send", "cpu_us_each", "(b) CPU per send (all threads)", "us", false, Compare.RATIO, ""),
        new Row("send", "cold_rate", "(b) cold: first 200,000 sends + call", "msgs/s", true, Compare.RATIO, ""),
        new Row("send", "rss_grow_mb", "(b) RSS growth during the sends", "MB", false, Compare.RATIO, "bounded"),
        new Row("newservice", "rate", "(c) newservice, 1,000 sequential", "/s", true, Compare.RATIO, ">= 2x"),
        new Row("newservice", "cpu_us_each", "(c) CPU per newservice (all threads)", "us", false, Compare.RATIO, ""),
        new Row("newservice", "cold_rate", "(c) cold: first 1,000 newservice, fresh node", "/s", true, Compare.RATIO, ">= 2x"),
        new Row("newservice", "heap_kb_each", "(c) heap per live service after GC", "KB", false, Compare.SKYNETJ, ""),
        new Row("kill", "rate", "(c) kill", "/s", true, Compare.RATIO, ""),
        new Row("live_services", "rss_kb_each", "(c) RSS growth per service, 10,000 live, after full GC", "KB", false, Compare.RATIO, "<= 25 KB"),
        new Row("timeout0", "rate", "(d) 10,000 timeout(0) callbacks", "/s", true, Compare.RATIO, ">= 1.0x"),
        new Row("timeout0", "cold_rate", "(d) cold: first 10,000 timeout(0), fresh node", "/s", true, Compare.RATIO, ">= 1.0x"),
        new Row("timeout_spread", "all_fired_secs", "(d) 10k timeouts over 1..100 cs: all fired", "s", false, Compare.RATIO, ""),
        new Row("timeout_spread", "max_late_cs", "(d) worst lateness (skynet.now)", "cs", false, Compare.VALUES, "<= 1 cs"),
        new Row("timeout_spread", "p99_late_ms", "(d) 99th percentile lateness (skynet.hpc)", "ms", false, Compare.VALUES, ""),
        new Row("newservice_cache", "warm_us", "(e) newservice + kill, warm code cache", "us", false, Compare.RATIO, ""),
        new Row("newservice_cache", "cold_us", "(e) newservice + kill, cold code cache", "us", false, Compare.RATIO, ""),
        new Row("routed_call", "direct_per_s", "(e) call ping-pong, direct", "calls/s", true, Compare.SKYNETJ, ""),
        new Row("routed_call", "routed_per_s", "(e) same, through a managed name (route)", "calls/s", true, Compare.SKYNETJ, ""),
        new Row("upgrade_pause", "busy_p99_us", "(e) call latency during upgrades, p99", "us", false, Compare.SKYNETJ, ""),
        new Row("upgrade_pause", "upgrade_p50_ms", "(e) one upgrade under ~10k calls/s, median", "ms", false, Compare.SKYNETJ, ""),
        new Row("fib30", "secs", "(f) fib(30)", "s", false, Compare.RATIO, ""),
        new Row("tables_strings", "secs", "(f) table/string workload", "s", false, Compare.RATIO, ""),
        new Row("echo", "rate", "(g) TCP echo, 20 clients x 5,000 round trips", "trips/s", true, Compare.RATIO, ">= 1.0x"),
        new Row("echo", "p99_us", "(g) echo round trip, 99th percentile", "us", false, Compare.RATIO, "<= skynet"),
        new Row("echo", "p50_us", "(g) echo round trip, median", "us", false, Compare.RATIO, ""),
        new Row("echo", "cpu_us_each", "(g) node CPU per round trip (all threads)", "us", false, Compare.RATIO, ""),
        new Row("echo", "cold_rate", "(g) cold: first pass, fresh node", "trips/s", true, Compare.RATIO, ""),
        new Row("echo_idle", "rate", "(g) same with 1,000 idle connections open", "trips/s", true, Compare.RATIO, ">= 1.0x"),
        new Row("echo_idle", "p99_us", "(g) same, round trip 99th percentile", "us", false, Compare.RATIO, "<= skynet"),
        new Row("echo_idle", "cpu_us_each", "(g) same, node CPU per round trip", "us", false, Compare.RATIO, ""));

    private final Path home;
    private final Options options;
    private final PrintStream out;
    /** What each system measured. */
    final Map<Target, Measurements> results = new EnumMap<>(Target.class);
    /** The load average before each run of each scenario, as printed with its figures. */
    private final List<String> loads = new ArrayList<>();

    BenchRunner(Path home, Options options, PrintStream out) {
        this.home = home;
        this.options = options;
        this.out = out;
        for (Target t : Target.values()) results.put(t, new Measurements());
    }

    /** Command-line options of {@code skynetj bench}. */
    static final class Options {
        int runs = 5;
        int thread = 2;
        List<String> only = SCENARIOS;
        Path output;
        Path skynet;
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
                    case "--skynet" -> o.skynet = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
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

    static final String BUILD_SKYNET = "git clone https://github.com/cloudwu/skynet.git && cd skynet && make linux MALLOC_STATICLIB= SKYNET_DEFINES=-DNOUSE_JEMALLOC";

    public static final String USAGE = """
        usage: skynetj bench [options]      (or tools/bench [options])

          --runs N            runs of each scenario, each in a fresh node (default 5); medians reported
          --only a,b          scenarios to run (default all): %s
          --skynet DIR        also run every scenario (but %s) on the skynet built in DIR, alternating
                              with skynetj (echo: both nodes at once, its load taking them in turn pass
                              by pass), and print the ratio per row; build one outside this repository:
                                %s
          --thread N          carrier threads, skynet's `thread` (default 2; both systems)
          --out FILE          JSON results (default target/bench/results.json)
          --java-opts "..."   JVM options for the benchmarked nodes, after the ones tools/skynetj uses
                              (SKYNETJ_JAVA_OPTS or its defaults); a collector given here replaces theirs
          --set key=value     a config key for the scenarios, e.g. --set bench_calls=20000 or
                              --set bench_warmup_secs=0 (see service-scripts/bench/*.lua)
          --timeout SECS      give up on a run after this long (default 300)
        """.formatted(String.join(",", SCENARIOS), String.join(",", SKYNETJ_ONLY), BUILD_SKYNET);

    /** {@code skynetj bench}: returns the exit code. */
    public static int main(Path home, String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
            if (options.skynet != null) checkSkynet(options.skynet);
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

    /** A skynet build directory has the skynet binary and its Lua library. */
    static void checkSkynet(Path dir) {
        if (!Files.isExecutable(dir.resolve("skynet")) || !Files.isRegularFile(dir.resolve("lualib/skynet.lua")))
            throw new IllegalArgumentException("no built skynet in " + dir + " (expected " + dir.resolve("skynet") + " and lualib/skynet.lua); build one with: " + BUILD_SKYNET);
    }

    /** The systems this run compares, in the order they go in run {@code run} (they swap every run). */
    List<Target> targets(String scenario, int run) {
        if (options.skynet == null || SKYNETJ_ONLY.contains(scenario)) return List.of(Target.SKYNETJ);
        return run % 2 == 1 ? List.of(Target.SKYNETJ, Target.SKYNET) : List.of(Target.SKYNET, Target.SKYNETJ);
    }

    void runAll() throws IOException, InterruptedException {
        Path work = options.output.toAbsolutePath().getParent();
        Files.createDirectories(work);
        String loadBefore = loadAverage();
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        List<String> jvm = jvmOptions();
        out.printf("skynetj bench: %d run(s) of %s, thread = %d, JVM options: %s%n", options.runs,
            String.join(",", options.only), options.thread, jvm.isEmpty() ? "(JVM defaults)" : String.join(" ", jvm));
        out.println(options.skynet == null ? "skynet: not run (--skynet DIR compares with a skynet built from its sources)" : "skynet: " + options.skynet + ", alternating with skynetj");
        out.printf("%s; load average now: %s%n", WARMUP, loadBefore);
        for (int run = 1; run <= options.runs; run++) {
            for (String scenario : options.only) {
                List<Target> targets = targets(scenario, run);
                if (targets.size() > 1 && DRIVEN.contains(scenario)) {
                    runInTurn(targets, scenario, run, work);
                    continue;
                }
                for (Target target : targets) {
                    String load = loadAverage();
                    noteLoad(run, scenario, target, load);
                    out.printf("  run %d/%d %-13s %-7s (load %s)", run, options.runs, scenario, target.label(), load);
                    out.flush();
                    List<String> lines = runScenario(target, scenario, run, work);
                    out.println(" " + figures(lines));
                }
            }
        }
        String loadAfter = loadAverage();
        out.println();
        out.print(table());
        out.printf("load average before: %s, after: %s (the machine may be shared: compare medians, not single runs)%n", loadBefore, loadAfter);
        Files.writeString(options.output, json(started, loadBefore, loadAfter));
        out.println("results: " + options.output);
    }

    /** Keeps the load average a run of a scenario started at, for the JSON file. */
    private void noteLoad(int run, String scenario, Target target, String load) {
        loads.add("run " + run + " " + scenario + " " + target.label() + ": " + load);
    }

    /** A run's BENCH lines as its progress line shows them. */
    private static String figures(List<String> lines) {
        return String.join(" | ", lines.stream().map(l -> l.substring("BENCH ".length())).toList());
    }

    /** Runs one scenario in a fresh node of {@code target}; returns its BENCH lines (the start-up time added) and records their values. */
    List<String> runScenario(Target target, String scenario, int run, Path work) throws IOException, InterruptedException {
        NodeRun node = start(target, scenario, run, work);
        try {
            int port = node.awaitListen();
            List<String> measured = port < 0 ? List.of() : driveEcho(List.of(node), List.of(port)).getFirst();
            List<String> lines = node.finish(measured);
            for (String l : lines) results.get(target).record(l);
            return lines;
        } finally {
            node.kill(); // ended already, unless this failed
        }
    }

    /**
     * Runs a scenario the runner drives from outside (echo) on every target at once, the load going to
     * one node and then the other pass by pass ({@link EchoLoad#run(List, Map)}); prints and records
     * each target's BENCH lines as {@link #runScenario} does.
     */
    void runInTurn(List<Target> targets, String scenario, int run, Path work) throws IOException, InterruptedException {
        String load = loadAverage();
        List<NodeRun> nodes = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (Target target : targets) {
                noteLoad(run, scenario, target, load);
                nodes.add(start(target, scenario, run, work));
            }
            for (NodeRun node : nodes) ports.add(node.awaitListen());
            int silent = ports.indexOf(-1);
            if (silent >= 0) { // it ended without serving: its own output says why
                nodes.get(silent).finish(List.of());
                throw new BenchFailure("scenario " + scenario + " on " + targets.get(silent).label() + " (run " + run + ") ended without listening");
            }
            List<List<String>> measured = driveEcho(nodes, ports);
            for (int i = 0; i < nodes.size(); i++) {
                Target target = targets.get(i);
                List<String> lines = nodes.get(i).finish(measured.get(i));
                for (String l : lines) results.get(target).record(l);
                out.printf("  run %d/%d %-13s %-7s (load %s; passes in turn with %s) %s%n", run, options.runs, scenario, target.label(), load,
                    String.join(", ", targets.stream().filter(t -> t != target).map(Target::label).toList()),
                    figures(lines));
            }
        } finally {
            for (NodeRun node : nodes) node.kill(); // ended already, unless this failed
        }
    }

    private NodeRun start(Target target, String scenario, int run, Path work) throws IOException {
        Path config = work.resolve("config-" + target.label() + "-" + scenario);
        Files.writeString(config, config(target, scenario));
        Path log = work.resolve(target.label() + "-" + scenario + "-run" + run + ".log");
        ProcessBuilder pb = new ProcessBuilder(command(target, config));
        if (target == Target.SKYNET) pb.directory(options.skynet.toFile());
        return new NodeRun(pb, "scenario " + scenario + " on " + target.label() + " (run " + run + ")", log, options.timeoutSeconds);
    }

    /** Drives nodes that listen on {@code ports} from here (in turn when several) and ends them; on failure they are killed. */
    private List<List<String>> driveEcho(List<NodeRun> nodes, List<Integer> ports) throws InterruptedException {
        List<EchoLoad.Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) endpoints.add(new EchoLoad.Endpoint(ports.get(i), nodes.get(i).process()));
        try {
            List<List<String>> lines = EchoLoad.run(endpoints, options.params);
            for (int port : ports) EchoLoad.quit(port);
            return lines;
        } catch (IOException | RuntimeException e) {
            for (NodeRun node : nodes) node.kill();
            throw new BenchFailure("echo clients: " + e.getMessage());
        }
    }

    private List<String> command(Target target, Path config) {
        List<String> command = new ArrayList<>();
        if (target == Target.SKYNET) {
            command.add(options.skynet.resolve("skynet").toString());
            command.add(config.toString());
            return command;
        }
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions());
        command.add("-Dskynetj.home=" + home);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            // as tools/skynetj runs it: the manifest's Add-Opens, not a command-line one, which the
            // start-up cache (trained that way) would refuse as a different module set-up
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // what the jar's manifest gives (kernel.Carriers)
            command.add("-cp");
            command.add(classPath);
            command.add("io.skynetj.cli.Main");
        }
        command.add("run");
        command.add(config.toString());
        return command;
    }

    /**
     * The benchmarked nodes' JVM options: this JVM's own -X/-XX options (tools/skynetj's defaults or
     * SKYNETJ_JAVA_OPTS and its start-up cache, so the suite measures what {@code skynetj run} runs),
     * then --java-opts, whose collector choice replaces an inherited one.
     */
    List<String> jvmOptions() {
        List<String> inherited = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("-XX:") || a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-Xlog:aot")) inherited.add(a);
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

    /**
     * A node's config for one scenario: the bench directory on both search paths, and {@code profile =
     * false} on both: skynet's per-service CPU accounting (on by default) reads the thread CPU clock, a
     * system call, at every coroutine switch, which on the 2-core VM the figures come from cost ~7 us
     * per call (ping-pong 42-97k calls/s against 214-418k without it, alternating at the same load);
     * skynetj's reads System.nanoTime. {@code --set profile=true} measures both with it. skynet's config also names its
     * own services, Lua library, C modules and loader (a plain single node: harbor 0), and asks
     * live_services to collect every service's Lua VM, a full collection there (one per VM).
     */
    String config(Target target, String scenario) {
        String dir = home.resolve("service-scripts/bench").toString();
        StringBuilder sb = new StringBuilder()
            .append("thread = ").append(options.thread).append('\n')
            .append("start = ").append(quote(scenario)).append('\n')
            .append("profile = false\n");
        if (target == Target.SKYNET) {
            Path s = options.skynet;
            sb.append("harbor = 0\n")
                .append("bootstrap = \"snlua bootstrap\"\n")
                .append("cpath = ").append(quote(s.resolve("cservice") + "/?.so")).append('\n')
                .append("lua_cpath = ").append(quote(s.resolve("luaclib") + "/?.so")).append('\n')
                .append("lualoader = ").append(quote(s.resolve("lualib/loader.lua").toString())).append('\n')
                .append("luaservice = ").append(quote(s.resolve("service") + "/?.lua;" + dir + "/?.lua")).append('\n')
                .append("lua_path = ").append(quote(s.resolve("lualib") + "/?.lua;" + s.resolve("lualib") + "/?/init.lua;" + dir + "/?.lua")).append('\n')
                .append("bench_collect_each = \"1\"\n");
        } else {
            sb.append("luaservice = ").append(quote(dir + "/?.lua")).append('\n')
                .append("lua_path = ").append(quote(dir + "/?.lua")).append('\n');
        }
        options.params.forEach((k, v) -> sb.append(k).append(" = ").append(quote(v)).append('\n'));
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The summary: one row per value measured, skynetj's median with its range, skynet's (same runs)
     * where it was run, and the ratio of the medians.
     */
    String table() {
        StringBuilder sb = new StringBuilder();
        boolean withSkynet = !results.get(Target.SKYNET).byBench.isEmpty();
        String format = "%-60s %11s %-24s %11s %-24s %7s  %s%n";
        String header = String.format(Locale.ROOT, format, "benchmark", "skynetj", "(min..max, n)", "skynet", "(min..max, n)", "ratio", "goal");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (Row row : ROWS) {
            List<Double> mine = results.get(Target.SKYNETJ).values(row.bench, row.key);
            List<Double> theirs = row.compare == Compare.SKYNETJ ? List.of() : results.get(Target.SKYNET).values(row.bench, row.key);
            if (mine.isEmpty() && theirs.isEmpty()) continue;
            String ratio = row.compare == Compare.RATIO ? ratio(row, Measurements.median(mine), Measurements.median(theirs)) : "";
            sb.append(String.format(Locale.ROOT, format, row.label + " [" + row.unit + "]", format(Measurements.median(mine)), range(mine),
                format(Measurements.median(theirs)), range(theirs), ratio, row.goal));
        }
        sb.append(withSkynet
            ? "ratio = skynetj/skynet for rates, skynet/skynetj for times and sizes, medians of the same alternating runs: above 1.00x skynetj is better\n"
            : "no ratios: skynet was not run (--skynet DIR runs it beside skynetj; see --help)\n");
        if (withSkynet) sb.append(runByRun());
        return sb.toString();
    }

    /**
     * For the rows with a goal for the ratio (">= 1.0x", "<= skynet"): each run's ratio against
     * skynet's run of the same round. The machine's speed can drift by a quarter within minutes (it
     * moves both systems' figures, docs/performance.md), and a round's two runs are the closest in
     * time, so their ratio is the reading least moved by it.
     */
    String runByRun() {
        StringBuilder sb = new StringBuilder();
        for (Row row : ROWS) {
            if (row.compare != Compare.RATIO || !(row.goal.startsWith(">=") || row.goal.startsWith("<="))) continue;
            List<Double> mine = results.get(Target.SKYNETJ).values(row.bench, row.key);
            List<Double> theirs = results.get(Target.SKYNET).values(row.bench, row.key);
            if (mine.isEmpty() || mine.size() != theirs.size()) continue;
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                double a = mine.get(i), b = theirs.get(i);
                if (a > 0 && b > 0) ratios.add(row.higherBetter ? a / b : b / a);
            }
            if (ratios.isEmpty()) continue;
            long ahead = ratios.stream().filter(r -> r >= 1).count();
            sb.append(String.format(Locale.ROOT, "  %-60s %.2fx, skynetj ahead in %d of %d rounds%n",
                row.label + " [" + row.unit + "]", Measurements.median(ratios), ahead, ratios.size()));
        }
        return sb.isEmpty() ? "" : "run by run (each run against skynet's run of the same round; median of those ratios):\n" + sb;
    }

    /** skynetj/skynet for rates, skynet/skynetj for times and sizes; "-" unless both are measured and positive. */
    static String ratio(Row row, double skynetj, double skynet) {
        if (!(skynetj > 0 && skynet > 0)) return "-";
        double r = row.higherBetter ? skynetj / skynet : skynet / skynetj;
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String range(List<Double> v) {
        if (v.isEmpty()) return "";
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return "(" + format(min) + ".." + format(max) + ", " + v.size() + ")";
    }

    static String format(double d) {
        if (Double.isNaN(d)) return "-";
        double a = Math.abs(d);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", d);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", d);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", d);
        return String.format(Locale.ROOT, "%.4f", d);
    }

    /** Every run's values and the medians of both systems, with the settings and the machine's load. */
    String json(String started, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"started\": ").append(str(started)).append(",\n");
        sb.append("  \"java\": ").append(str(System.getProperty("java.vm.name") + " " + Runtime.version())).append(",\n");
        sb.append("  \"java_options\": ").append(strings(jvmOptions())).append(",\n");
        sb.append("  \"skynet\": ").append(options.skynet == null ? "null" : str(options.skynet.toString())).append(",\n");
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
        sb.append("  \"load_average_each_run\": ").append(strings(loads)).append(",\n");
        sb.append("  \"results\": {");
        int t = 0;
        for (Target target : Target.values()) {
            Measurements m = results.get(target);
            if (m.byBench.isEmpty()) continue;
            sb.append(t++ > 0 ? "," : "").append("\n    ").append(str(target.label())).append(": {");
            int b = 0;
            for (var bench : m.byBench.entrySet()) {
                sb.append(b++ > 0 ? "," : "").append("\n      ").append(str(bench.getKey())).append(": {");
                int k = 0;
                for (var key : bench.getValue().entrySet()) {
                    sb.append(k++ > 0 ? "," : "").append("\n        ").append(str(key.getKey())).append(": {\"median\": ")
                        .append(num(Measurements.median(key.getValue()))).append(", \"runs\": [");
                    for (int j = 0; j < key.getValue().size(); j++) sb.append(j > 0 ? ", " : "").append(num(key.getValue().get(j)));
                    sb.append("]}");
                }
                sb.append("\n      }");
            }
            sb.append("\n    }");
        }
        sb.append("\n  }\n}\n");
        return sb.toString();
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
