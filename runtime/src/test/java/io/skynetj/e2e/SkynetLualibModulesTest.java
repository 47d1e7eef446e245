package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * skynet's own multicast.lua, sharedata.lua, sharedata/corelib.lua (with skynet's sharedatad.lua),
 * sharetable.lua and datasheet/ (init, builder, dump), unchanged, on skynetj's Java skynet.multicast.core,
 * skynet.sharedata.core, skynet.sharetable.core and skynet.datasheet.core, running skynet's own test
 * services. skynet is not in this repository: the test runs when SKYNET_LUALIB names the lualib folder of a skynet checkout (its test/, examples/ and
 * service/ beside it), e.g. SKYNET_LUALIB=/tmp/skynet/lualib. A preload puts a folder with copies of
 * those files before skynetj's own modules on package.path in every service; skynet's
 * sharetable.update then runs on skynetj's debug.getlocal/setlocal and debug.getregistry.
 */
@EnabledIfEnvironmentVariable(named = "SKYNET_LUALIB", matches = ".+")
class SkynetLualibModulesTest {
    @TempDir
    Path dir;
    private Path skynet;

    @BeforeEach
    void skynetsFilesFirst() throws IOException {
        Path lualib = Path.of(System.getenv("SKYNET_LUALIB")).toAbsolutePath();
        skynet = lualib.getParent();
        Assumptions.assumeTrue(Files.isDirectory(skynet.resolve("test")), "no test/ beside " + lualib);
        Path copies = dir.resolve("skynetlib");
        for (String f : List.of("skynet/multicast.lua", "skynet/sharedata.lua", "skynet/sharedata/corelib.lua", "skynet/sharetable.lua",
                "skynet/datasheet/init.lua", "skynet/datasheet/builder.lua", "skynet/datasheet/dump.lua")) {
            Files.createDirectories(copies.resolve(f).getParent());
            Files.copy(lualib.resolve(f), copies.resolve(f));
        }
        // skynet's sharedatad (skynetj has none of its own), reached through luaservice
        Files.copy(skynet.resolve("service/sharedatad.lua"), dir.resolve("sharedatad.lua"));
        Files.writeString(dir.resolve("preload.lua"), "package.path = " + LuaScenario.luaString(copies + "/?.lua;" + copies + "/?/init.lua;") + " .. package.path\n");
    }

    private TestNode node() {
        return new TestNode(dir).config("preload", dir.resolve("preload.lua").toString())
            .config("luaservice", dir + "/?.lua;" + skynet.resolve("test") + "/?.lua;" + skynet.resolve("examples") + "/?.lua");
    }

    @Test
    void testmulticastReachesEverySubscriber() throws Exception {
        try (TestNode node = node().start("testmulticast")) {
            node.await("===>");
            // skynet v1.8.0: each of the 10 subscribers prints ":addr <=== :publisher [Multicast:0]\tHello World"
            node.awaitLine(l -> node.lines().stream().filter(x -> x.contains(" <=== ") && x.endsWith("[Multicast:0]\tHello World")).count() == 10,
                "10 deliveries");
            assertTrue(node.lines().stream().noneMatch(l -> l.contains("error")), node.output());
        }
    }

    @Test
    void testsharetablePrintsWhatSkynetPrints() throws Exception {
        try (TestNode node = node().start("testsharetable")) {
            node.await("test_three\tx\t3");
            List<String> got = node.lines().stream().filter(l -> !l.startsWith("y\ttable:") && !l.startsWith("[:")).sorted().toList();
            // skynet v1.8.0 printed these lines (the order of pairs aside; y's table address aside)
            List<String> skynets = List.of("x\t1", "hello world\ttrue", "1\t1", "2\t2", "3\t3",
                "test_one\t1\t1", "test_one\tmessage\thello one", "test_one\tx\t1",
                "test_two\t1\t2", "test_two\tmessage\thello two", "test_two\tx\t2", "test queryall default",
                "test_two\t1\t2", "test_two\tmessage\thello two", "test_two\tx\t2", "test\t1\t1", "test\t2\t2", "test\t3\t3",
                "test_one\t1\t1", "test_one\tmessage\thello one", "test_one\tx\t1",
                "test_three\t1\t3", "test_three\tmessage\thello three", "test_three\tx\t3");
            assertEquals(skynets.stream().sorted().toList(), got);
        }
    }

    @Test
    void examplesShareFollowsUpdatesAndDeletes() throws Exception {
        try (TestNode node = node().start("share")) {
            node.await("b[1] = change");
            List<String> lines = node.lines();
            for (String want : List.of("new foobar", "a=1", "b[1]=hello", "b[2]=world", "nobj.b[1]=hello", "update foobar a = 2",
                    "a = 2", "update foobar a = 3", "a = 3", "The key [.b] doesn't exist after update")) {
                assertTrue(lines.stream().anyMatch(l -> l.contains(want)), () -> "no line with " + want + ":\n" + node.output());
            }
        }
    }

    /**
     * skynet's sharetable.lua lets the sharetable service know that a reader is gone from the __gc of its
     * module table, which runs when the reader's Lua state closes: the old version only that reader held
     * is then deleted (skynet v1.8.0 printed "Delete a version (userdata: 0x...) of cfg" for this run).
     */
    @Test
    void sharetableReleasesWhatAReaderHeldWhenItExits() throws Exception {
        writeReader("st_reader", "skynet.sharetable");
        Files.writeString(dir.resolve("st_main.lua"), """
            local skynet = require "skynet"
            local sharetable = require "skynet.sharetable"
            skynet.start(function()
                sharetable.loadstring("cfg", "return { version = 1 }")
                local reader = skynet.newservice("st_reader")
                sharetable.loadstring("cfg", "return { version = 2 }")
                print("reader exits")
                skynet.send(reader, "lua", "exit")
            end)
            """);
        try (TestNode node = node().start("st_main")) {
            node.await("reader exits");
            String deleted = node.awaitLine(l -> l.contains("Delete a version (") && l.endsWith(") of cfg"), "the old version deleted");
            assertTrue(node.lines().contains("reader sees\t1"), node.output());
            assertTrue(node.lines().indexOf(deleted) > node.lines().indexOf("reader exits"), node.output());
        }
    }

    /**
     * skynet's datasheet/init.lua tells the datasheet service that a reader is gone from the __gc of its
     * sheets table when the reader's Lua state closes; the service then drops the reader's reference, so
     * the builder's old version is collected once the builder releases it on update (builder.lua's
     * monitor fork then removes it from its cache, read here through debug.getupvalue). A reader that
     * never said "close" would keep the old version for good.
     */
    @Test
    void datasheetReleasesWhatAReaderHeldWhenItExits() throws Exception {
        writeReader("ds_reader", "skynet.datasheet");
        Files.writeString(dir.resolve("ds_main.lua"), """
            local skynet = require "skynet"
            local builder = require "skynet.datasheet.builder"
            local function upvalue(f, name)
                for i = 1, math.huge do
                    local n, v = debug.getupvalue(f, i)
                    if n == nil or n == name then return v end
                end
            end
            local function versions(cache)
                local n = 0
                for _ in pairs(cache) do n = n + 1 end
                return n
            end
            skynet.start(function()
                local cache = assert(upvalue(builder.new, "cache"))
                builder.new("cfg", { version = 1 })
                local reader = skynet.newservice("ds_reader")
                skynet.call(reader, "debug", "PING")
                skynet.send(reader, "lua", "exit")
                while pcall(skynet.call, reader, "debug", "PING") do skynet.sleep(1) end
                builder.update("cfg", { version = 2 })
                for _ = 1, 1000 do
                    if versions(cache) == 1 then break end
                    skynet.sleep(1)
                end
                print("versions at the end", versions(cache))
            end)
            """);
        try (TestNode node = node().start("ds_main")) {
            String end = node.awaitLine(l -> l.startsWith("versions at the end"), "the builder's versions counted");
            assertTrue(node.lines().contains("reader sees\t1"), node.output());
            assertEquals("versions at the end\t1", end, "the version the exited reader held was not released\n" + node.output());
        }
    }

    /** A service that queries "cfg" through {@code module} (skynet's sharetable or datasheet), prints its version and exits on "exit". */
    private void writeReader(String name, String module) throws IOException {
        Files.writeString(dir.resolve(name + ".lua"), """
            local skynet = require "skynet"
            local shared = require "%s"
            skynet.start(function()
                local cfg = shared.query("cfg")
                print("reader sees", cfg.version)
                skynet.dispatch("lua", function(_, _, cmd)
                    if cmd == "exit" then skynet.exit() end
                end)
            end)
            """.formatted(module));
    }

    /**
     * skynet's sharetable.update finds the old version everywhere a service holds it: locals of the running
     * function, an upvalue, table fields and keys, a coroutine suspended by coroutine.yield, a skynet
     * coroutine in skynet.wait, and one in skynet.sleep that no Lua value refers to (skynet keeps it in its
     * session table; skynetj lists it in debug.getregistry()).
     */
    @Test
    void sharetableUpdateReplacesEveryReferenceToTheOldVersion() throws Exception {
        Files.writeString(dir.resolve("sharetable_update.lua"), """
            -- sharetable.update reaching references in locals, upvalues, table fields and keys, a coroutine suspended by
            -- coroutine.yield, a skynet coroutine waiting in skynet.wait and one in skynet.sleep
            local skynet = require "skynet"
            local sharetable = require "skynet.sharetable"

            local held -- an upvalue of the functions below

            local function held_version()
            	return held.version
            end

            skynet.start(function()
            	sharetable.loadstring("cfg", "return { version = 1, sub = { x = 1 }, list = { 10, 20 }, gone = { 1 } }")
            	local t = sharetable.query("cfg")
            	held = t
            	local sub, list, gone = t.sub, t.list, t.gone
            	local fields = { cfg = t, sub = t.sub }
            	local keyed = { [t.sub] = "sub as a key" }
            	local co = coroutine.create(function(arg)
            		local mine, mysub = arg, arg.sub
            		coroutine.yield()
            		print("yielded coroutine", mine.version, mysub.x)
            	end)
            	coroutine.resume(co, t)
            	local waiter
            	skynet.fork(function(arg)
            		waiter = coroutine.running()
            		local waiting = arg.sub
            		skynet.wait()
            		print("waiting coroutine", waiting.x)
            	end, t)
            	skynet.fork(function(arg)
            		local sleeping = arg.list -- no Lua value refers to this coroutine but skynet's session table
            		skynet.sleep(100000, "sleeper") -- woken by its token
            		print("sleeping coroutine", sleeping[1], sleeping[2])
            	end, t)
            	skynet.yield()
            	sharetable.loadstring("cfg", "return { version = 2, sub = { x = 2 }, list = { 30 } }")
            	sharetable.update("cfg")
            	print("locals", t.version, sub.x, list[1], list[2], gone)
            	print("upvalue", held_version())
            	print("fields", fields.cfg.version, fields.sub.x)
            	local key = next(keyed)
            	print("key", key.x, keyed[t.sub], key == t.sub)
            	coroutine.resume(co)
            	skynet.wakeup(waiter)
            	skynet.wakeup("sleeper")
            	skynet.yield()
            	print("done")
            	skynet.exit()
            end)
            """);
        try (TestNode node = node().start("sharetable_update")) {
            node.await("done");
            List<String> got = node.lines().stream().filter(l -> !l.startsWith("[")).toList();
            // skynet v1.8.0 (this service run on /tmp/skynet) printed these lines, in this order
            assertEquals(List.of("locals\t2\t2\t30\tnil\tnil", "upvalue\t2", "fields\t2\t2", "key\t2\tsub as a key\ttrue",
                "yielded coroutine\t2\t2", "waiting coroutine\t2", "sleeping coroutine\t30\tnil", "done"), got);
        }
    }

    /**
     * skynet's sharetable.update reaches a skynet.timeout callback waiting for its timer, whose only
     * reference to the old version is an upvalue: skynet holds its coroutine in the session table,
     * skynetj lists it in debug.getregistry() and stackvalues gives its function. (A skynet.fork queued
     * before the update has run by the time the walk starts: update waits for the sharetable service.)
     */
    @Test
    void sharetableUpdateReachesATimeoutCallbackNotRunYet() throws Exception {
        Files.writeString(dir.resolve("pending_update.lua"), """
            -- sharetable.update while a skynet.timeout callback holding the old version in an upvalue waits for its timer
            local skynet = require "skynet"
            local sharetable = require "skynet.sharetable"

            skynet.start(function()
                sharetable.loadstring("cfg", "return { version = 1, sub = { x = 1 } }")
                local updated = false
                do
                    local t = sharetable.query("cfg")
                    skynet.timeout(200, function()
                        print("timeout", updated, t.version, t.sub.x)
                        print("done")
                        skynet.exit()
                    end)
                end
                sharetable.loadstring("cfg", "return { version = 2, sub = { x = 2 } }")
                sharetable.update("cfg")
                updated = true
            end)
            """);
        try (TestNode node = node().start("pending_update")) {
            node.await("done");
            List<String> got = node.lines().stream().filter(l -> !l.startsWith("[")).toList();
            // skynet v1.8.0 printed these (true: the callback ran after the update, as its timer is 2 s)
            assertEquals(List.of("timeout\ttrue\t2\t2", "done"), got);
        }
    }
}
