package io.skynetj.console;

import io.skynetj.observer.Observer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What the console answers over HTTP: the observer (page, {@code /metrics}, {@code /api/...}) and
 * console commands ({@code GET /list}, {@code GET /getenv/harbor}; {@code POST} with the command line as
 * body, or as path). Rules:
 * <ul>
 *   <li>With a {@code console_token}, every request carries it: header {@code Authorization: Bearer <token>}
 *       or parameter {@code ?token=<token>} (but for the page's script and style, which hold no data).
 *   <li>Commands that change the node (inject, kill, clearcache...) only by POST, and never from a
 *       page of another site (a POST whose {@code Origin} is not this console is refused), so a web page
 *       cannot make a browser on the operator's machine change the node.
 * </ul>
 */
final class ConsoleHttp {
    private final ConsoleService console;
    private final CommandTable commands;
    private final TokenGate gate;
    private final boolean needsToken;
    private final AuditLog audit;
    private final String peer;
    private final String host;

    /** {@code authenticated}: the connection logged in already (a line protocol client that went on in HTTP). */
    ConsoleHttp(ConsoleService console, TokenGate gate, boolean authenticated, AuditLog audit, String peer, String host) {
        this.console = console;
        this.commands = console.commands();
        this.gate = gate;
        this.needsToken = gate.required() && !authenticated;
        this.audit = audit;
        this.peer = peer;
        this.host = host;
    }

    HttpResponse answer(HttpRequest r) {
        boolean read = r.method().equals("GET") || r.method().equals("HEAD");
        if (!read && !r.method().equals("POST"))
            return HttpResponse.text(405, r.method() + " is not supported; use GET or POST").with("Allow", "GET, HEAD, POST");
        if (needsToken && !isStaticAsset(r)) {
            HttpResponse refused = checkToken(r);
            if (refused != null) return refused;
        }
        return read ? get(r) : post(r);
    }

    /** Null when the request carries the token; else the answer: 401, or 429 while its host must wait after wrong tokens. */
    private HttpResponse checkToken(HttpRequest r) {
        String what = "http " + r.method() + " " + r.path();
        String given = givenToken(r);
        if (given == null) {
            audit.record(peer, what, "Error: missing token");
            return unauthorized("This console needs its token: header Authorization: Bearer <token>, or ?token=<token>");
        }
        TokenGate.Verdict v = gate.check(peer, host, what, given);
        if (v.accepted()) return null;
        if (v.throttled()) return HttpResponse.text(429, v.message()).with("Retry-After", String.valueOf(v.waitSeconds()));
        return unauthorized(v.message());
    }

    private static HttpResponse unauthorized(String why) {
        return HttpResponse.text(401, why).with("WWW-Authenticate", "Bearer");
    }

    /** The page's script and style hold no data about the node; a browser fetches them without the token. */
    private static boolean isStaticAsset(HttpRequest r) {
        return !r.method().equals("POST") && (r.path().equals("/observer.js") || r.path().equals("/observer.css"));
    }

    /** The token the request carries (header, else parameter), or null. */
    private static String givenToken(HttpRequest r) {
        String auth = r.header("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).strip();
        return r.query().get("token");
    }

    private HttpResponse get(HttpRequest r) {
        Observer observer = Observer.of(console.luaNode());
        return switch (r.path()) {
            case "/", "/index.html" -> asset("index.html");
            case "/observer.js", "/observer.css" -> asset(r.path().substring(1));
            case "/metrics" -> HttpResponse.of(Observer.metricsContentType(), observer.metrics());
            case "/api/services" -> json(observer.servicesJson());
            case "/api/node" -> json(observer.nodeJson());
            case "/api/upgrades" -> json(observer.upgradesJson());
            default -> {
                String line = commandOfPath(r.path());
                if (commands.changesState(line))
                    yield HttpResponse.text(405, "'" + line.split("\\s+")[0] + "' changes the node: send it by POST, with the command line as body")
                        .with("Allow", "POST");
                yield command(line);
            }
        };
    }

    private HttpResponse post(HttpRequest r) {
        if (!sameOrigin(r)) {
            audit.record(peer, "http POST " + r.path(), "Error: cross-site request from " + r.header("origin"));
            return HttpResponse.text(403, "A console command from a page of another site is refused");
        }
        String line = r.body().isBlank() ? commandOfPath(r.path()) : r.body().strip();
        return command(line);
    }

    /** A POST without {@code Origin} comes from a program (curl); with one, it must name this console. */
    private static boolean sameOrigin(HttpRequest r) {
        String origin = r.header("origin");
        if (origin == null) return !"cross-site".equals(r.header("sec-fetch-site"));
        String host = r.header("host");
        try {
            URI u = new URI(origin);
            String authority = u.getRawAuthority();
            return host != null && authority != null && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private HttpResponse command(String line) {
        if (line.isBlank()) return HttpResponse.text(404, "Nothing here; the observer is at /, the commands are listed at /help");
        List<String> reply = commands.execute(console, line, peer, audit);
        boolean ok = reply.getLast().equals(CommandTable.OK);
        return HttpResponse.lines(ok ? 200 : 422, reply);
    }

    private static HttpResponse asset(String name) {
        Observer.Asset a = Observer.asset(name);
        return a == null ? HttpResponse.text(404, "no such file: " + name) : HttpResponse.of(a.contentType(), a.bytes());
    }

    private static HttpResponse json(String body) {
        return HttpResponse.of("application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code /cmd/arg1/arg2} → {@code cmd arg1 arg2} (the path arrives decoded). */
    static String commandOfPath(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).replace('/', ' ').strip();
    }
}
