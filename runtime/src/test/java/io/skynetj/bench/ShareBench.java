package io.skynetj.bench;

import io.skynetj.lua.LuaNode;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Memory of shared read-only tables (a program, not a test): one sharedata table of ROWS rows,
 * read in full by SERVICES services that keep it, against services holding their own copies
 * (sharedata.deepcopy). Heap is measured after full GCs; figures are heap deltas.
 * Run with {@code tools/bench-java ShareBench [services] [rows] [copies]} (default 1000 10000 100).
 */
public final class ShareBench {
    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int copies = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path dir = Files.createTempDirectory("skynetj-share-bench");
        Files.writeString(dir.resolve("reader.lua"), """
            local skynet = require "skynet"
            local sharedata = require "skynet.sharedata"
            local kept
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd)
                    local sum = 0
                    if cmd == "shared" then
                        kept = sharedata.query("rows")
                        for i = 1, #kept.list do sum = sum + kept.list[i].level + #kept.list[i].tags end
                    else
                        kept = sharedata.deepcopy("rows")
                        for i = 1, #kept.list do sum = sum + kept.list[i].level + #kept.list[i].tags end
                    end
                    skynet.retpack(sum)
                end)
            end)
            """);
        Files.writeString(dir.resolve("main.lua"), """
            local skynet = require "skynet"
            local sharedata = require "skynet.sharedata"
            local services, rows, copies = %d, %d, %d
            skynet.start(function()
                -- the Java service "benchmark" is registered just after the node boots
                local ok, bench = pcall(skynet.newservice, "benchmark")
                while not ok do skynet.sleep(1) ok, bench = pcall(skynet.newservice, "benchmark") end
                skynet.call(bench, "lua", "mark", "empty")
                local list = {}
                for i = 1, rows do list[i] = { id = i, name = "row" .. i, level = i %% 100, tags = { "a", "b" } } end
                sharedata.new("rows", { list = list })
                list = nil
                skynet.call(bench, "lua", "mark", "table")
                local readers = {}
                for i = 1, services do readers[i] = skynet.newservice("reader") end
                skynet.call(bench, "lua", "mark", "services")
                local want
                for i = 1, services do
                    local sum = skynet.call(readers[i], "lua", "shared")
                    assert(want == nil or sum == want) want = sum
                end
                skynet.call(bench, "lua", "mark", "shared")
                for i = 1, copies do assert(skynet.call(readers[i], "lua", "copy") == want) end
                skynet.call(bench, "lua", "mark", "copies")
                skynet.call(bench, "lua", "mark", "done")
            end)
            """.formatted(services, rows, copies));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Map<String, Long> marks = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LuaNode node = LuaNode.boot(Map.of("luaservice", dir + "/?.lua", "thread", "2"), out, LuaNode.home());
        // "mark": measures the heap after full GCs, then replies
        node.runtime().register("benchmark", (svc, a) -> execution -> {
            if (execution.request == null) return true;
            byte[] data = execution.request.data;
            String mark = io.skynetj.lua.Pack.unpack(data, 0, data.length).arg(2).tojstring();
            // the last mark ("done") only says that the others are in
            if (mark.equals("done")) done.countDown();
            else marks.put(mark, usedAfterGc(memory));
            svc.ret(io.skynetj.kernel.Ptype.RESPONSE, io.skynetj.lua.Pack.pack(org.luaj.vm2.LuaValue.TRUE));
            return true;
        });
        done.await();
        long table = marks.get("table") - marks.get("empty");
        long perService = (marks.get("shared") - marks.get("services")) / services;
        long perCopy = (marks.get("copies") - marks.get("shared")) / copies;
        System.out.printf("BENCH share rows=%d services=%d one_shared_copy_bytes=%d per_service_after_reading_all_rows_bytes=%d "
                + "per_service_own_copy_bytes=%d (from %d copies) total_shared_for_all_services_mb=%.1f total_if_each_had_a_copy_mb=%.1f%n",
            rows, services, table, perService, perCopy, copies,
            (table + (double) perService * services) / 1e6, (double) perCopy * services / 1e6);
        node.node().abort(0);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 4; i++) System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
