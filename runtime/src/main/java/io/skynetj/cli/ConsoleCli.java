package io.skynetj.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code skynetj console <host:port> <command...>} and {@code skynetj <command> ... [--console host:port]
 * [--token T]}: runs one command on a running node's debug console and prints its output. Exit status
 * 0 when the console answers {@code <CMD OK>}, 1 on {@code <CMD Error>}, 2 on a usage mistake, 3 when
 * the console cannot be reached.
 */
public final class ConsoleCli {
    static final String DEFAULT_CONSOLE = "127.0.0.1:8000";
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** Longer than the console's own wait for a service (30 s), so its answer arrives first. */
    private static final int READ_TIMEOUT_MS = 60_000;

    /** Console commands that are also skynetj subcommands ({@code help} stays the CLI's own). */
    static final Set<String> COMMANDS = Set.of("list", "stat", "mem", "gc", "info", "exit", "kill", "start", "clearcache",
        "inject", "patches", "rollback", "upgrade", "versions", "cluster", "task", "uniqtask", "killtask", "ping", "call", "getenv", "setenv", "service", "dbgcmd");

    private final PrintStream out;
    private final PrintStream err;

    private ConsoleCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static boolean handles(String verb) {
        return verb.equals("console") || COMMANDS.contains(verb);
    }

    /**
     * Runs the CLI words (starting with {@code console} or a console command). {@code environment}
     * supplies SKYNETJ_CONSOLE and SKYNETJ_CONSOLE_TOKEN.
     */
    public static int run(List<String> words, UnaryOperator<String> environment, PrintStream out, PrintStream err) {
        return new ConsoleCli(out, err).run(words, environment);
    }

    private int run(List<String> words, UnaryOperator<String> environment) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(words, environment);
        } catch (ConsoleOptions.MissingValue e) {
            return usage(e.getMessage());
        }
        List<String> command = new ArrayList<>(options.rest());
        String console = options.console();
        String token = options.token();
        if (command.getFirst().equals("console")) {
            if (command.size() >= 2) console = command.get(1);
            if (command.size() <= 2) return session(console == null ? DEFAULT_CONSOLE : console, token, null);
            command = new ArrayList<>(command.subList(2, command.size()));
        }
        absolutizeLocalPath(command);
        return session(console == null ? DEFAULT_CONSOLE : console, token, String.join(" ", command));
    }

    /**
     * Interactive use: each line read from stdin is one command; EOF (Ctrl-D) or "quit" ends it with
     * status 0 (failed commands print their error and the session goes on).
     */
    private int interactive(BufferedReader in, Writer w, String console) throws IOException {
        BufferedReader user = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean terminal = System.console() != null;
        for (;;) {
            if (terminal) {
                out.print(console + "> ");
                out.flush();
            }
            String line = user.readLine();
            if (line == null || line.strip().equals("quit")) return 0;
            if (line.isBlank()) continue;
            List<String> words = new ArrayList<>(List.of(line.strip().split("\\s+")));
            absolutizeLocalPath(words);
            if (exchange(in, w, String.join(" ", words), true, console) == UNREACHABLE) return UNREACHABLE;
        }
    }

    /**
     * The node reads paths relative to its own directory: inject's patch file, clearcache's file or
     * directory, or upgrade's files, that exist here are sent with their full paths.
     */
    private static void absolutizeLocalPath(List<String> command) {
        if (command.getFirst().equals("upgrade")) { // upgrade <name> [--force] [--drain cs] [files...]
            for (int i = 2; i < command.size(); i++) {
                if (command.get(i).equals("--drain")) i++;
                else if (!command.get(i).startsWith("--")) absolutize(command, i);
            }
            return;
        }
        int file = switch (command.getFirst()) {
            case "inject" -> command.size() > 1 && command.get(1).equals("--dry-run") ? 3 : 2;
            case "clearcache" -> 1;
            default -> -1;
        };
        if (file >= 0 && file < command.size()) absolutize(command, file);
    }

    private static void absolutize(List<String> command, int i) {
        try {
            Path p = Path.of(command.get(i));
            if (Files.exists(p)) command.set(i, p.toAbsolutePath().normalize().toString());
        } catch (InvalidPathException e) {
            // not a local path: let the console say it can't open it
        }
    }

    /** Connects to the console; runs {@code commandLine}, or an interactive session when it is null. */
    private int session(String console, String token, String commandLine) {
        int colon = console.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(console.substring(colon + 1));
        } catch (NumberFormatException e) {
            return usage("the console address must be host:port, not '" + console + "'");
        }
        String host = colon > 0 ? console.substring(0, colon) : "127.0.0.1";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Writer w = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            w.write("\n"); // a blank line (ignored) says "line protocol", so the console greets at once
            w.flush();
            String greeting = in.readLine();
            if (greeting == null || !greeting.startsWith("Welcome to skynet console"))
                return unreachable("what answers at " + console + " is not a skynet console" + (greeting == null ? "" : ": " + greeting));
            if (token != null) {
                int auth = exchange(in, w, "auth " + token, false, console);
                if (auth != 0) return auth;
            }
            return commandLine == null ? interactive(in, w, console) : exchange(in, w, commandLine, true, console);
        } catch (ConnectException e) {
            return unreachable("cannot reach the console at " + console + " (" + e.getMessage()
                + "); is the node running with console = \"" + console + "\" in its config?");
        } catch (SocketTimeoutException e) {
            return unreachable("the console at " + console + " did not answer in time");
        } catch (IOException | IllegalArgumentException e) {
            return unreachable("talking to the console at " + console + " failed: " + e.getMessage());
        }
    }

    /** Sends one line and copies the reply up to its terminator; returns the exit status. */
    private int exchange(BufferedReader in, Writer w, String line, boolean show, String console) throws IOException {
        w.write(line + "\n");
        w.flush();
        List<String> reply = new ArrayList<>();
        for (String l = in.readLine(); ; l = in.readLine()) {
            if (l == null) {
                reply.forEach(err::println);
                return unreachable("the console at " + console + " closed the connection before answering");
            }
            if (l.equals("<CMD OK>") || l.equals("<CMD Error>")) {
                boolean ok = l.equals("<CMD OK>");
                if (show || !ok) reply.forEach(ok ? out::println : err::println);
                return ok ? 0 : FAILED;
            }
            reply.add(l);
        }
    }

    private int usage(String problem) {
        err.println("skynetj: " + problem);
        return USAGE;
    }

    private int unreachable(String problem) {
        err.println("skynetj: " + problem);
        return UNREACHABLE;
    }
}
