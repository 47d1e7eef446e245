package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skynet.trace across services: a traced request logs skynet's {@code <TRACE tag>} events (trace,
 * call, request, sleep, resume, response, end) in the caller and, under the same tag, in the callee;
 * skynet.traceproto and the console's {@code trace} command turn it on or off per protocol.
 */
class TraceTest {
    @TempDir
    Path dir;

    private static final String WORKER = """
        local skynet = require "skynet"
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, cmd)
                if cmd == "fail" then
                    error("worker failed")
                end
                if cmd == "always" then
                    skynet.traceproto("lua", true)
                    skynet.ret()
                    return
                end
                skynet.sleep(1)
                skynet.retpack("done " .. tostring(skynet.tracetag()))
            end)
        end)
        """;

    private static final String FRONT = """
        local skynet = require "skynet"
        local worker
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, cmd, addr)
                if cmd == "set" then
                    worker = addr
                    skynet.ret()
                elseif cmd == "fails" then
                    skynet.trace("fails")
                    skynet.retpack(pcall(skynet.call, worker, "lua", "fail"))
                elseif cmd == "traced" then
                    skynet.trace("front")
                    local r = skynet.call(worker, "lua", "work")
                    skynet.retpack(r, skynet.tracetag())
                else
                    skynet.retpack(skynet.call(worker, "lua", "work"))
                end
            end)
        end)
        """;

    @Test
    void aTracedRequestIsLoggedInCallerAndCallee() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("console", "127.0.0.1:0").service("worker", WORKER).service("front", FRONT)
            .service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                local worker = skynet.newservice("worker")
                local front = skynet.newservice("front")
                skynet.name(".worker", worker)
                skynet.call(front, "lua", "set", worker)
                local r, tag = skynet.call(front, "lua", "traced")
                print("REPLY " .. r .. " TAG " .. tag)
                print("PLAIN " .. skynet.call(front, "lua", "plain"))
                print("STARTED " .. skynet.address(skynet.self()) .. " " .. skynet.address(front) .. " " .. skynet.address(worker))
                skynet.dispatch("lua", function(_, _, cmd)
                    if cmd == "fails" then
                        skynet.retpack(skynet.call(front, "lua", "fails"))
                        return
                    end
                    if cmd == "again" then
                        local r2, tag2 = skynet.call(front, "lua", "traced")
                        skynet.retpack(r2 .. " " .. tag2)
                    else
                        skynet.call(worker, "lua", "always")
                        skynet.retpack(skynet.call(worker, "lua", "work"))
                    end
                end)
            end)
            """).start("main");
             ConsoleConnection console = ConsoleConnection.open(node.consolePort())) {
            String reply = node.await("REPLY ");
            Matcher m = Pattern.compile("REPLY done (\\S+) TAG (\\S+)").matcher(reply);
            assertTrue(m.find(), reply);
            String tag = m.group(2);
            assertEquals(tag, m.group(1), "the callee ran the request under the caller's tag");
            assertTrue(tag.matches(":[0-9a-f]{8}-1"), tag);
            String[] started = node.await("STARTED ").split(" ");
            String main = started[1], front = started[2], worker = started[3];
            assertEquals("PLAIN done nil", node.await("PLAIN "), "a request nobody traced has no tag");

            List<String> inFront = events(node, tag, front, 5);
            assertEquals(List.of("trace front", "call", "resume", "response", "end"), names(inFront), node::output);
            assertTrue(inFront.get(1).matches("call : \\S*front\\.lua:\\d+.*"), inFront.get(1));
            List<String> inWorker = events(node, tag, worker, 5);
            assertEquals(List.of("request", "sleep", "resume", "response", "end"), names(inWorker), node::output);
            assertTrue(inWorker.get(1).matches("sleep : \\S*worker\\.lua:\\d+.*"), inWorker.get(1));
            assertTrue(node.output().contains("TRACE nil"), "skynet.trace logs the tag it replaces");

            // a traced request that raises an error logs "error" and no "end"
            String failed = String.join(" ", console.command("call " + main + " \"fails\""));
            assertTrue(failed.contains("false"), failed);
            String failTag = node.await("trace fails").replaceAll(".*<TRACE (\\S+)>.*", "$1");
            assertEquals(List.of("request", "error"), names(events(node, failTag, worker, 2)), node::output);
            assertEquals(List.of("trace fails", "call", "resume", "response", "end"), names(events(node, failTag, front, 5)), node::output);

            // console trace <address> off: the worker no longer takes the caller's tag
            assertEquals(List.of("<CMD OK>"), console.command("trace .worker off"));
            node.await("Turn trace log false for lua");
            String again = String.join(" ", console.command("call " + main + " \"again\""));
            Matcher g = Pattern.compile("done false (:[0-9a-f]{8}-\\d+)").matcher(again);
            assertTrue(g.find(), again);
            assertEquals(List.of("trace front", "call", "resume", "response", "end"), names(events(node, g.group(1), front, 5)), node::output);
            assertEquals(List.of(), events(node, g.group(1), worker, 0), node::output);

            // traceproto(true): every request the worker takes is traced under its own tag
            String auto = String.join(" ", console.command("call " + main + " \"auto\""));
            Matcher w = Pattern.compile("done (" + Pattern.quote(worker.toLowerCase()) + "-1)").matcher(auto);
            assertTrue(w.find(), auto);
            assertEquals(List.of("trace", "sleep", "resume", "response", "end"), names(events(node, w.group(1), worker, 5)), node::output);
        }
    }

    /** skynet.request batches: each request of a traced batch logs "call" and reaches its callee under the tag, as skynet's send_requests. */
    @Test
    void aTracedBatchLogsACallPerRequest() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("worker", WORKER).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                local w1, w2 = skynet.newservice("worker"), skynet.newservice("worker")
                skynet.fork(function()
                    skynet.trace("batch")
                    local tags = {}
                    for req, resp in skynet.request { w1, "lua", "work" } { w2, "lua", "work" }:select() do
                        tags[#tags + 1] = resp[1]
                    end
                    table.sort(tags)
                    print("BATCH " .. skynet.tracetag() .. " " .. table.concat(tags, ","))
                    print("ADDRESSES " .. skynet.address(skynet.self()) .. " " .. skynet.address(w1) .. " " .. skynet.address(w2))
                end)
            end)
            """).start("main")) {
            String batch = node.await("BATCH ");
            String tag = batch.split(" ")[1];
            assertEquals("BATCH " + tag + " done " + tag + ",done " + tag, batch, "both callees ran their request under the batch's tag");
            String[] addresses = node.await("ADDRESSES ").split(" ");
            List<String> inMain = events(node, tag, addresses[1], 3);
            assertEquals(List.of("trace batch", "call", "call"), names(inMain).subList(0, 3), node::output);
            assertTrue(inMain.get(1).matches("call : \\S*main\\.lua:\\d+.*"), inMain.get(1));
            for (String w : List.of(addresses[2], addresses[3]))
                assertEquals(List.of("request", "sleep", "resume", "response", "end"), names(events(node, tag, w, 5)), node::output);
        }
    }

    private static List<String> names(List<String> events) {
        return events.stream().map(e -> e.replaceAll(" : .*", "")).toList();
    }

    /** The "what" of the {@code <TRACE tag>} lines service logged, once there are count of them. */
    private static List<String> events(TestNode node, String tag, String service, int count) throws InterruptedException {
        String prefix = "[" + service + "] <TRACE " + tag + "> ";
        if (count > 0) {
            node.awaitLine(l -> node.lines().stream().filter(x -> x.startsWith(prefix)).count() >= count, count + " events of " + tag + " in " + service);
        }
        return node.lines().stream().filter(l -> l.startsWith(prefix))
            .map(l -> l.substring(prefix.length()).replaceFirst("^\\d+ ", "")).toList();
    }
}
