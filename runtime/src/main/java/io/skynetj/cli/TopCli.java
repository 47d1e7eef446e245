package io.skynetj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code skynetj top [--once] [--sort cpu|mailbox|messages] [--console host:port] [--token T]}: the
 * node's services like {@code top}, from the console's observer API ({@code /api/services},
 * {@code /api/node}), refreshed every second; keys c, m, n sort, q quits. {@code --once} prints one
 * screen (rates over one second) and exits. Exit status as for console commands: 2 usage, 3 unreachable.
 */
public final class TopCli {
    static final String USAGE = "usage: skynetj top [--once] [--sort cpu|mailbox|messages] [--console host:port] [--token T]";
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final String token;

    private TopCli(PrintStream out, PrintStream err, String console, String token) {
        this.out = out;
        this.err = err;
        this.base = "http://" + console;
        this.token = token;
    }

    /** Not reachable, or not answering as an observer. */
    private static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    public static int run(List<String> words, UnaryOperator<String> environment, PrintStream out, PrintStream err) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(words.subList(1, words.size()), environment);
        } catch (ConsoleOptions.MissingValue e) {
            return usage(err, e.getMessage());
        }
        boolean once = false;
        TopView.Sort sort = TopView.Sort.CPU;
        List<String> rest = options.rest();
        for (int i = 0; i < rest.size(); i++) {
            switch (rest.get(i)) {
                case "--once" -> once = true;
                case "--sort" -> {
                    if (i + 1 >= rest.size()) return usage(err, "--sort needs cpu, mailbox or messages");
                    try {
                        sort = TopView.Sort.of(rest.get(++i));
                    } catch (IllegalArgumentException e) {
                        return usage(err, e.getMessage());
                    }
                }
                default -> {
                    return usage(err, "top does not take '" + rest.get(i) + "'");
                }
            }
        }
        String console = options.console() == null ? ConsoleCli.DEFAULT_CONSOLE : options.console();
        TopCli top = new TopCli(out, err, console, options.token());
        try {
            if (once) return top.once(sort);
            Terminal terminal = Terminal.open();
            if (terminal == null) return usage(err, "top needs a terminal; use top --once in scripts");
            try (terminal) {
                return top.interactive(terminal, sort);
            }
        } catch (Unreachable e) {
            err.println("skynetj: " + e.getMessage());
            return ConsoleCli.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("skynetj: " + problem);
        err.println(USAGE);
        return ConsoleCli.USAGE;
    }

    private int once(TopView.Sort sort) throws Unreachable, InterruptedException {
        Map<String, Object> first = get("/api/services");
        Thread.sleep(PERIOD);
        Map<String, Object> second = get("/api/services");
        TopView.render(get("/api/node"), TopView.rows(second, first), sort, 0, 0).forEach(out::println);
        return 0;
    }

    private int interactive(Terminal terminal, TopView.Sort sort) throws Unreachable, InterruptedException {
        Map<String, Object> before = null;
        for (;;) {
            Map<String, Object> now = get("/api/services");
            int[] size = terminal.size();
            List<String> screen = TopView.render(get("/api/node"), TopView.rows(now, before), sort, size[1], size[0] - 1);
            out.print("\033[H\033[2J" + String.join("\n", screen));
            out.flush();
            before = now;
            long until = System.nanoTime() + PERIOD.toNanos();
            while (System.nanoTime() < until) {
                int key = terminal.key();
                if (key == 'q' || key == 'Q' || key == 3 || key == 4) {
                    out.println();
                    return 0;
                }
                TopView.Sort chosen = switch (key) {
                    case 'c', 'C', 'P' -> TopView.Sort.CPU;
                    case 'm', 'M' -> TopView.Sort.MAILBOX;
                    case 'n', 'N' -> TopView.Sort.MESSAGES;
                    default -> null;
                };
                if (chosen != null) {
                    sort = chosen;
                    break; // redraw now
                }
                if (key < 0) Thread.sleep(30);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) throws Unreachable, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new Unreachable("cannot reach the console at " + base.substring(7) + "; is the node running with console = \""
                + base.substring(7) + "\" in its config?");
        } catch (IOException | IllegalArgumentException e) {
            throw new Unreachable("talking to the console at " + base.substring(7) + " failed: " + e.getMessage());
        }
        if (r.statusCode() != 200) throw new Unreachable(base.substring(7) + path + " answered " + r.statusCode() + ": " + r.body().strip());
        try {
            return (Map<String, Object>) JsonReader.parse(r.body());
        } catch (JsonReader.Malformed | ClassCastException e) {
            throw new Unreachable(base.substring(7) + path + " did not answer with an observer's JSON");
        }
    }

    /** The controlling terminal in character mode (no echo, no line buffering), restored on close. */
    private static final class Terminal implements AutoCloseable {
        private final String saved;
        private final InputStream in = System.in;

        private Terminal(String saved) {
            this.saved = saved;
        }

        static Terminal open() {
            if (System.console() == null) return null;
            String saved = stty("-g");
            if (saved == null) return null;
            if (stty("-icanon -echo min 1") == null) return null;
            Terminal t = new Terminal(saved.strip());
            System.out.print("\033[?25l"); // hide the cursor
            return t;
        }

        /** The next key pressed, or -1 when none is waiting. */
        int key() {
            try {
                return in.available() > 0 ? in.read() : -1;
            } catch (IOException e) {
                return 'q';
            }
        }

        /** Rows and columns (24x80 when the terminal does not say). */
        int[] size() {
            String s = stty("size");
            try {
                String[] p = s.strip().split("\\s+");
                return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
            } catch (RuntimeException e) {
                return new int[] {24, 80};
            }
        }

        @Override
        public void close() {
            stty(saved);
            System.out.print("\033[?25h");
            System.out.flush();
        }

        /** Runs stty on the controlling terminal; its output, or null when it failed. */
        private static String stty(String args) {
            try {
                Process p = new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty").redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return p.waitFor() == 0 ? output : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
