package io.skynetj.cli;

import io.skynetj.bench.BenchRunner;
import io.skynetj.lua.ConfigFile;
import io.skynetj.lua.LuaNode;
import io.skynetj.lua.LuaRuntime;
import io.skynetj.lua.LuaScript;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** The {@code skynetj} command line. */
public final class Main {
    private static final String USAGE = """
        usage: skynetj <command> [arguments]

          run <config>     run a node from a skynet config file (paths in it are relative to
                           the directory you run the command in, as in skynet)
          example          run the bundled key-value store example (no config file needed)
          lua [options] [script [args]]
                           run a Lua script with the libraries services have, as skynet's
                           3rd/lua/lua does (-e stat, -l mod, -W, - for stdin; `lua -h` for all)
          bench [options]  run the benchmark suite, --skynet DIR beside a built skynet (bench --help)
          help             show this text

        Talking to a running node's debug console (config key console = "127.0.0.1:8000"):
          top [--once] [--sort cpu|mailbox|messages]
                           the node's services like top (c, m, n: sort; q: quit); --once prints
                           one screen and exits. Also takes --console and --token, as below.
          Open http://127.0.0.1:8000/ in a browser for the observer page, /metrics for Prometheus.
          console [host:port] [<command> [args...]]
                           run one console command and print its output; without a command, an
                           interactive session: one command per line, Ctrl-D or "quit" to leave
          <command> [args...] [--console host:port] [--token T]
                           the same, with the console at --console, $SKYNETJ_CONSOLE or 127.0.0.1:8000
                           and the token (needed when the console listens beyond 127.0.0.1) from
                           --token or $SKYNETJ_CONSOLE_TOKEN. Commands:
                             list stat mem gc service start kill exit getenv setenv clearcache versions cluster
                             inject [--dry-run] patches rollback info task uniqtask killtask ping call dbgcmd
                             upgrade <name> [--force] [--drain cs] [files...]   rollback <name> [version]
                           `skynetj console <host:port> help` describes each. An inject, clearcache or
                           upgrade path that exists where you run the command is sent with its full path.
                           Exit status: 0 ok, 1 the command failed, 3 the console cannot be reached.
        """;

    private Main() {}

    public static void main(String[] args) {
        // The logging backend's set-up (its configuration and the date format's calendar and locale
        // data) is the costliest single step before a node's first service (~0.1 s of CPU even with the
        // start-up cache); done on a second core meanwhile, the node's first logger finds it ready.
        Thread.ofPlatform().daemon().name("skynetj-log-setup").start(LoggerFactory::getILoggerFactory);
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("lua")) return lua(Arrays.copyOfRange(args, 1, args.length));
        if (args[0].equals("top")) return TopCli.run(List.of(args), System::getenv, System.out, System.err);
        if (ConsoleCli.handles(args[0])) return ConsoleCli.run(List.of(args), System::getenv, System.out, System.err);
        try {
            return switch (args[0]) {
                case "run" -> {
                    if (args.length != 2) yield usage("run needs exactly one config file");
                    yield runNode(ConfigFile.load(Path.of(args[1]), System::getenv));
                }
                case "example" -> runNode(exampleConfig());
                case "bench" -> bench(Arrays.copyOfRange(args, 1, args.length));
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (ConfigFile.ConfigException | LuaRuntime.LaunchException | IllegalArgumentException e) {
            System.err.println("skynetj: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("skynetj: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static int bench(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(BenchRunner.USAGE);
            return 0;
        }
        return BenchRunner.main(LuaNode.home(), args, System.out);
    }

    private static int lua(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(LuaScript.USAGE);
            return 0;
        }
        // flushed on every write, so that print and io.write appear at once and in order with errors
        PrintStream stdout = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), true);
        return LuaScript.run(List.of(args), System.in, stdout, System.err, System.getenv());
    }

    private static int usage(String problem) {
        System.err.println("skynetj: " + problem);
        System.err.print(USAGE);
        return 2;
    }

    /** The bundled example: service-scripts/examples/kvstore.lua with its client. */
    private static Map<String, String> exampleConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("thread", String.valueOf(Runtime.getRuntime().availableProcessors()));
        config.put("start", "kvmain");
        config.put("luaservice", LuaNode.home().resolve("service-scripts/examples").toString() + "/?.lua");
        return config;
    }

    private static int runNode(Map<String, String> config) throws IOException, InterruptedException {
        configureCarrierThreads(config.get("thread"));
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        LuaNode node = LuaNode.boot(config, stdout, LuaNode.home());
        Thread hook = new Thread(() -> node.node().abort(143), "skynetj-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = node.node().awaitTermination();
        stdout.flush();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the node ended because of a signal: the hook already ran
        }
        return code;
    }

    /** skynet's {@code thread} key: the number of carrier threads for the virtual-thread scheduler. */
    private static void configureCarrierThreads(String thread) {
        int n = Runtime.getRuntime().availableProcessors();
        if (thread != null) {
            try {
                n = Integer.parseInt(thread.trim());
            } catch (NumberFormatException e) {
                throw new ConfigFile.ConfigException("thread must be a number, not '" + thread + "'");
            }
            if (n < 1 || n > 1024) throw new ConfigFile.ConfigException("thread must be between 1 and 1024, not " + n);
        }
        System.setProperty("jdk.virtualThreadScheduler.parallelism", String.valueOf(n));
        System.setProperty("jdk.virtualThreadScheduler.maxPoolSize", String.valueOf(Math.max(256, n)));
    }
}
