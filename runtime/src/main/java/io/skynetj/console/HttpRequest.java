package io.skynetj.console;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.x request read from a console connection: method, path, query parameters, headers
 * (lower-case names) and a body of at most {@link LineReader#MAX_LINE} bytes.
 */
record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
    private static final int MAX_HEADERS = 64;

    /** Why a request could not be read; the status to answer with. */
    static final class Malformed extends Exception {
        final int status;

        Malformed(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Reads the headers and body following {@code requestLine}; {@code onContinue} answers {@code Expect: 100-continue}. */
    static HttpRequest read(String requestLine, LineReader in, IoAction onContinue) throws IOException, Malformed {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) throw new Malformed(400, "not an HTTP/1.x request line");
        Map<String, String> headers = new HashMap<>();
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
            if (headers.size() >= MAX_HEADERS) throw new Malformed(431, "too many headers");
            int colon = h.indexOf(':');
            if (colon > 0) headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        if (headers.containsKey("transfer-encoding")) throw new Malformed(411, "send the body with a Content-Length");
        int length = contentLength(headers.get("content-length"));
        if (length < 0) throw new Malformed(400, "bad Content-Length");
        if (length > LineReader.MAX_LINE) throw new Malformed(413, "a request body holds at most " + LineReader.MAX_LINE + " bytes");
        if (length > 0 && "100-continue".equalsIgnoreCase(headers.get("expect"))) onContinue.run();
        String body = length == 0 ? "" : in.readBytes(length);
        String target = parts[1];
        int q = target.indexOf('?');
        String path = decode(q >= 0 ? target.substring(0, q) : target);
        return new HttpRequest(parts[0], path, q >= 0 ? parameters(target.substring(q + 1)) : Map.of(), headers, body);
    }

    /** Something that writes to the connection. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    String header(String name) {
        return headers.get(name);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = eq >= 0 ? pair.substring(0, eq) : pair;
            params.putIfAbsent(decodeForm(key), eq >= 0 ? decodeForm(pair.substring(eq + 1)) : "");
        }
        return params;
    }

    /** A path keeps its {@code +} (a Lua expression may hold one); a query's {@code +} is a space. */
    private static String decode(String s) {
        return decodeForm(s.replace("+", "%2B"));
    }

    private static String decodeForm(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape: keep it as sent
        }
    }

    private static int contentLength(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
