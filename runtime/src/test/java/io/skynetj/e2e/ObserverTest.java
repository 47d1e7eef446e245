package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observer's data over HTTP from a real node: Prometheus metrics and the JSON API. */
class ObserverTest {
    @TempDir
    Path dir;

    private TestNode node() throws Exception {
        TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN).start("main");
        ConsoleTest.ready(node);
        return node;
    }

    /** The value of the one series of {@code metric} whose labels contain {@code labelPart}. */
    private static double value(String exposition, String metric, String labelPart) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(exposition);
        Double found = null;
        while (m.find()) {
            if (!m.group(1).contains(labelPart)) continue;
            if (found != null) throw new AssertionError("two series of " + metric + " match " + labelPart);
            found = Double.parseDouble(m.group(2));
        }
        if (found == null) throw new AssertionError("no " + metric + "{..." + labelPart + "...} in\n" + exposition);
        return found;
    }

    private static double value(String exposition, String metric) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + " (\\S+)$").matcher(exposition);
        if (!m.find()) throw new AssertionError("no " + metric + " in\n" + exposition);
        return Double.parseDouble(m.group(1));
    }

    private static Map<String, Object> byName(List<Map<String, Object>> services, String name) {
        return services.stream().filter(s -> name.equals(s.get("name"))).findFirst()
            .orElseThrow(() -> new AssertionError("no service named " + name + " in " + services));
    }

    @Test
    void metricsCountEachServicesMessagesAndTheNodes() throws Exception {
        try (TestNode node = node()) {
            HttpConsole http = new HttpConsole(node.consolePort());
            HttpResponse<String> r = http.get("/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"), r.headers()::toString);
            String before = r.body();
            String worker = "name=\".worker\"";
            double handled = value(before, "skynetj_service_messages_total", worker);
            double nodeHandled = value(before, "skynetj_messages_total");
            for (int i = 0; i < 5; i++) assertEquals(200, http.post("/", "call .worker \"add\", 1, " + i).statusCode());
            String after = http.get("/metrics").body();
            assertEquals(handled + 5, value(after, "skynetj_service_messages_total", worker), after);
            assertTrue(value(after, "skynetj_messages_total") >= nodeHandled + 5);
            assertTrue(value(after, "skynetj_service_cpu_seconds_total", worker) > 0, "profile is on by default");
            assertEquals(0, value(after, "skynetj_service_mailbox", worker));
            assertTrue(after.contains("kind=\"snlua\""), after);

            List<Map<String, Object>> services = http.services();
            assertEquals(services.size(), (int) value(after, "skynetj_services"));
            String version = (String) byName(services, ".worker").get("version");
            assertEquals(1, value(after, "skynetj_service_code_info", "version=\"" + version + "\""));
            assertTrue(value(after, "skynetj_jvm_heap_bytes", "area=\"used\"") > 0);
            assertEquals(0, value(after, "skynetj_injects_total"));
            assertEquals(0, value(after, "skynetj_clearcaches_total"));

            Path patch = dir.resolve("noop_patch.lua");
            Files.writeString(patch, "print('patched')\n");
            assertEquals(200, http.post("/", "inject .worker " + patch).statusCode());
            assertEquals(200, http.post("/", "clearcache").statusCode());
            String later = http.get("/metrics").body();
            assertEquals(1, value(later, "skynetj_injects_total"));
            assertEquals(1, value(later, "skynetj_clearcaches_total"));
        }
    }

    @Test
    void socketsAreCountedPerServiceAndForTheNode() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("listener", """
            local skynet = require "skynet"
            require "skynet.manager"
            local socket = require "skynet.socket"
            skynet.start(function()
                local id, err = socket.listen("127.0.0.1", 0)
                assert(id, err)
                skynet.register(".listener")
                print("LISTENING")
            end)
            """).service("main", """
            local skynet = require "skynet"
            skynet.start(function() skynet.newservice("listener") end)
            """).start("main")) {
            node.await("LISTENING");
            HttpConsole http = new HttpConsole(node.consolePort());
            String metrics = http.get("/metrics").body();
            assertEquals(1, value(metrics, "skynetj_service_sockets", "name=\".listener\""), metrics);
            assertTrue(value(metrics, "skynetj_sockets") >= 1, metrics);
            assertEquals(1, ((Number) byName(http.services(), ".listener").get("sockets")).intValue());
        }
    }

    @Test
    void theApiListsServicesAndMarksOldCodeAfterTheFileChanges() throws Exception {
        try (TestNode node = node()) {
            HttpConsole http = new HttpConsole(node.consolePort());
            Map<String, Object> worker = byName(http.services(), ".worker");
            assertEquals("snlua", worker.get("kind"));
            assertEquals("snlua worker", worker.get("command"));
            assertTrue(((String) worker.get("address")).startsWith(":"), worker::toString);
            assertEquals(0L, worker.get("oldFiles"));
            assertEquals(0L, worker.get("mailbox"));
            long messages = (Long) worker.get("messages");
            http.post("/", "call .worker \"hello\", \"x\"");
            assertEquals(messages + 1, byName(http.services(), ".worker").get("messages"));

            Files.writeString(dir.resolve("worker.lua"), ConsoleTest.WORKER + "\n-- changed on disk\n");
            assertEquals(200, http.post("/", "clearcache").statusCode());
            assertEquals(1L, byName(http.services(), ".worker").get("oldFiles"), "the worker still runs the code it loaded");

            Map<String, Object> n = http.json("/api/node");
            assertEquals((long) http.services().size(), n.get("services"));
            assertTrue((Long) n.get("messages") > 0);
            @SuppressWarnings("unchecked")
            Map<String, Object> heap = (Map<String, Object>) n.get("heap");
            assertTrue((Long) heap.get("used") > 0);
            @SuppressWarnings("unchecked")
            Map<String, Object> ops = (Map<String, Object>) n.get("operations");
            assertEquals(1L, ops.get("clearcaches"));
            assertNotNull(n.get("history"));
            assertNotNull(n.get("cluster"));
        }
    }

    @Test
    void oddNamesAreEscapedInJsonAndInTheExposition() throws Exception {
        String odd = ".odd\"quote\\back<tag>\ttab";
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("odd", """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                skynet.register(".odd\\"quote\\\\back<tag>\\ttab")
                print("ODD")
            end)
            """).service("main", """
            local skynet = require "skynet"
            skynet.start(function() skynet.newservice("odd") end)
            """).start("main")) {
            node.await("ODD");
            HttpConsole http = new HttpConsole(node.consolePort());
            assertEquals("snlua odd", byName(http.services(), odd).get("command"));
            String metrics = http.get("/metrics").body();
            assertEquals(0, value(metrics, "skynetj_service_mailbox", "name=\".odd\\\"quote\\\\back<tag>\ttab\""), metrics);
        }
    }

    @Test
    void upgradesOfManagedNamesAreListedWithTheirHistory() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("counter", UpgradeTest.counter("v1", ""))
            .service("main", """
                local skynet = require "skynet"
                local upgrade = require "skynet.upgrade"
                skynet.start(function()
                    upgrade.newservice(".counter", "counter")
                    print("READY")
                end)
                """).start("main")) {
            node.await("READY");
            HttpConsole http = new HttpConsole(node.consolePort());
            Map<String, Object> u = http.json("/api/upgrades");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> managed = (List<Map<String, Object>>) u.get("managed");
            assertEquals(".counter", managed.getFirst().get("name"));
            assertEquals(List.of(), u.get("history"));

            Files.writeString(dir.resolve("counter.lua"), UpgradeTest.counter("v2", ""));
            HttpResponse<String> r = http.post("/", "upgrade .counter");
            assertEquals(200, r.statusCode(), r.body());
            u = http.json("/api/upgrades");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) u.get("history");
            assertEquals(1, history.size());
            Map<String, Object> h = history.getFirst();
            assertEquals(".counter", h.get("name"));
            assertEquals(true, h.get("ok"));
            assertEquals(false, h.get("rollback"));
            assertTrue(!h.get("from").equals(h.get("to")), h::toString);
            @SuppressWarnings("unchecked")
            Map<String, Object> now = ((List<Map<String, Object>>) u.get("managed")).getFirst();
            assertEquals(h.get("to"), now.get("version"));
            assertEquals(h.get("from"), now.get("previousVersion"));
            String metrics = http.get("/metrics").body();
            assertEquals(1, value(metrics, "skynetj_upgrades_total"));
            assertEquals(0, value(metrics, "skynetj_upgrades_failed_total"));
        }
    }
}
