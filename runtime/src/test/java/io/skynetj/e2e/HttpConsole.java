package io.skynetj.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.json.Json;

/** A real HTTP client (java.net.http) for a node's console port, with the test deadline. */
final class HttpConsole {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TestNode.DEADLINE).build();
    private final int port;

    HttpConsole(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        return send(request(pathAndQuery, headers).GET());
    }

    HttpResponse<String> post(String pathAndQuery, String body, String... headers) throws IOException, InterruptedException {
        return send(request(pathAndQuery, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(TestNode.DEADLINE);
        if (headers.length > 0) b.headers(headers);
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET of a JSON object, which must answer 200. */
    @SuppressWarnings("unchecked")
    Map<String, Object> json(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpResponse<String> r = get(pathAndQuery, headers);
        if (r.statusCode() != 200) throw new AssertionError(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"))
            throw new AssertionError(pathAndQuery + " is not JSON: " + r.headers().map());
        return new Json().toType(r.body(), Map.class);
    }

    /** The service objects of {@code /api/services}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> services() throws IOException, InterruptedException {
        return (List<Map<String, Object>>) json("/api/services").get("services");
    }
}
