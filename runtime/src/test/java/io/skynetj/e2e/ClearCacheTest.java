package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.cache.CodeCache;
import io.skynetj.cache.CodeVersion;
import io.skynetj.lua.LuaRuntime;
import io.skynetj.lua.LuaServiceBody;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.Prototype;

/**
 * clearcache on a real node: files edited on disk reach services started after a clear, running
 * services keep their code, per-file clears, broken edits, codecache modes and concurrent first loads.
 * The scenarios edit files from Lua through the {@code edit} module.
 */
class ClearCacheTest {
    @TempDir
    Path dir;

    /** Writes and names files in the test directory (the {@code testdir} config key). */
    static final String EDIT_MODULE = """
        local skynet = require "skynet"
        local edit = {}
        local dir = assert(skynet.getenv "testdir")
        function edit.path(name)
            return dir .. "/" .. name
        end
        function edit.write(name, text)
            local f = assert(io.open(edit.path(name), "w"))
            f:write(text)
            f:close()
        end
        return edit
        """;

    /** A service answering "greet" with its own version and its module's text, and "versions" with its code hashes. */
    static String greeter(String version) {
        return """
            local skynet = require "skynet"
            local edit = require "edit"
            local greeting = require "greeting"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd)
                    if cmd == "greet" then
                        skynet.retpack("%s/" .. greeting.text)
                    elseif cmd == "require_again" then
                        skynet.retpack(require("greeting").text)
                    elseif cmd == "versions" then
                        local v = require("skynet.codecache").versions()
                        skynet.retpack({ service = v[edit.path "greeter.lua"].hash, module = v[edit.path "greeting.lua"].hash })
                    end
                end)
            end)
            """.formatted(version);
    }

    static String greeting(String text) {
        return "return { text = \"" + text + "\" }\n";
    }

    private TestNode node() throws IOException {
        return LuaScenario.node(dir).config("testdir", dir.toString()).service("edit", EDIT_MODULE);
    }

    @Test
    void newServicesGetNewCodeWhileRunningOnesKeepTheirs() throws Exception {
        try (TestNode node = node().service("greeter", greeter("v1")).service("greeting", greeting("m1"))
            .service("preload", "PRELOADED = true").config("preload", dir.resolve("preload.lua").toString())
            .service("main", """
            local skynet = require "skynet"
            local check = require "check"
            local edit = require "edit"
            skynet.start(function()
                check.ok("one module under three names", skynet.cache == require "skynet.codecache"
                    and require "skynet.cache" == skynet.cache)
                local a = skynet.newservice("greeter")
                check.eq("first instance runs v1", skynet.call(a, "lua", "greet"), "v1/m1")
                edit.write("greeter.lua", [==[%s]==])
                edit.write("greeting.lua", [==[%s]==])
                local b = skynet.newservice("greeter")
                check.eq("instance launched before clearcache runs the cached v1", skynet.call(b, "lua", "greet"), "v1/m1")
                check.ok("clear drops every entry", skynet.cache.clear() >= 2)
                local c = skynet.newservice("greeter")
                check.eq("instance launched after clearcache runs v2", skynet.call(c, "lua", "greet"), "v2/m2")
                check.eq("old instance still answers v1", skynet.call(a, "lua", "greet"), "v1/m1")
                check.eq("second old instance still answers v1", skynet.call(b, "lua", "greet"), "v1/m1")
                check.eq("old instance keeps its package.loaded", skynet.call(a, "lua", "require_again"), "m1")
                local va, vb, vc = skynet.call(a, "lua", "versions"), skynet.call(b, "lua", "versions"), skynet.call(c, "lua", "versions")
                check.ok("old instances run one service version", va.service == vb.service and va.module == vb.module)
                check.ok("new instance runs a new service version", va.service ~= vc.service)
                check.ok("new instance runs a new module version", va.module ~= vc.module)
                print("DONE")
            end)
            """.formatted(greeter("v2"), greeting("m2"))).start("main")) {
            assertPassed(node, "one module under three names", "first instance runs v1",
                "instance launched before clearcache runs the cached v1", "clear drops every entry",
                "instance launched after clearcache runs v2", "old instance still answers v1",
                "second old instance still answers v1", "old instance keeps its package.loaded",
                "old instances run one service version", "new instance runs a new service version",
                "new instance runs a new module version");

            // The same versions through the Java API the console uses.
            String greeterFile = dir.resolve("greeter.lua").toString();
            List<Map<String, CodeVersion>> greeters = node.node().node().services().stream()
                .map(s -> s.body() instanceof LuaServiceBody b ? b.codeVersions() : null)
                .filter(v -> v != null && v.containsKey(greeterFile)).toList();
            Map<String, Long> instancesPerHash = greeters.stream()
                .collect(Collectors.groupingBy(v -> v.get(greeterFile).hash(), Collectors.counting()));
            assertEquals(List.of(1L, 2L), instancesPerHash.values().stream().sorted().toList(), instancesPerHash::toString);
            for (Map<String, CodeVersion> v : greeters) {
                assertNotNull(v.get(dir.resolve("greeting.lua").toString()), v::toString);
                assertNotNull(v.get(dir.resolve("preload.lua").toString()), v::toString);
                assertTrue(v.keySet().stream().anyMatch(p -> p.endsWith("/lua/skynet.lua")), v::toString);
            }
        }
    }

    @Test
    void clearingAFileOrDirectoryLeavesOtherFilesCached() throws Exception {
        try (TestNode node = node()
            .service("alpha", "local skynet = require 'skynet' skynet.start(function() skynet.dispatch('lua', function() skynet.retpack('alpha v1') end) end)")
            .service("beta", "local skynet = require 'skynet' skynet.start(function() skynet.dispatch('lua', function() skynet.retpack('beta v1') end) end)")
            .service("lib/one", "return 1").service("lib/two", "return 1")
            .service("main", """
            local skynet = require "skynet"
            local check = require "check"
            local edit = require "edit"
            local cache = require "skynet.codecache"
            local function greet(name) return skynet.call(skynet.newservice(name), "lua") end
            skynet.start(function()
                greet "alpha" greet "beta"
                dofile(edit.path "lib/one.lua") dofile(edit.path "lib/two.lua")
                for _, name in ipairs { "alpha", "beta" } do
                    edit.write(name .. ".lua", "local skynet = require 'skynet' skynet.start(function() skynet.dispatch('lua', function() skynet.retpack('" .. name .. " v2') end) end)")
                end
                edit.write("lib/one.lua", "return 2") edit.write("lib/two.lua", "return 2")
                local before = cache.stats()
                check.eq("clear(file) drops that file", cache.clear(edit.path "alpha.lua"), 1)
                check.eq("the cleared file is read again", greet "alpha", "alpha v2")
                check.eq("another file stays cached", greet "beta", "beta v1")
                local after = cache.stats()
                check.eq("only the cleared file was compiled", after.misses - before.misses, 1)
                check.ok("the rest came from the cache", after.hits > before.hits)
                check.eq("files under a cleared directory stay cached until cleared", dofile(edit.path "lib/one.lua"), 1)
                check.eq("clear(directory) drops the files under it", cache.clear(edit.path "lib"), 2)
                check.eq("first file under the directory is read again", dofile(edit.path "lib/one.lua"), 2)
                check.eq("second file under the directory is read again", dofile(edit.path "lib/two.lua"), 2)
                check.eq("a path with no entry drops nothing", cache.clear(edit.path "nothing.lua"), 0)
                check.raises("an empty path is refused, not read as the working directory", "clear needs a file or directory", cache.clear, "")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "clear(file) drops that file", "the cleared file is read again", "another file stays cached",
                "only the cleared file was compiled", "the rest came from the cache",
                "files under a cleared directory stay cached until cleared", "clear(directory) drops the files under it",
                "first file under the directory is read again", "second file under the directory is read again",
                "a path with no entry drops nothing", "an empty path is refused, not read as the working directory");
        }
    }

    @Test
    void aBrokenEditFailsOnlyTheLoadsThatHitIt() throws Exception {
        try (TestNode node = node().service("greeter", greeter("v1")).service("greeting", greeting("m1")).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            local edit = require "edit"
            local cache = require "skynet.codecache"
            skynet.start(function()
                local old = skynet.newservice("greeter")
                local failures = cache.stats().compile_failures
                edit.write("greeter.lua", "local skynet = require 'skynet'\\nlocal x =\\nlocal y = 1\\n")
                cache.clear()
                check.raises("a broken service file fails its newservice with file:line", edit.path "greeter.lua" .. ":3:",
                    skynet.newservice, "greeter")
                check.eq("the running instance is unaffected", skynet.call(old, "lua", "greet"), "v1/m1")
                edit.write("greeter.lua", [==[%s]==])
                edit.write("greeting.lua", "return {\\n  text = = 'm2'\\n}\\n")
                cache.clear(edit.path "greeting.lua")
                check.raises("a broken required module fails the newservice with file:line", edit.path "greeting.lua" .. ":2:",
                    skynet.newservice, "greeter")
                check.eq("the running instance is still unaffected", skynet.call(old, "lua", "greet"), "v1/m1")
                check.eq("both failures were counted", cache.stats().compile_failures - failures, 2)
                edit.write("greeting.lua", [==[%s]==])
                check.eq("the fixed file works without another clear", skynet.call(skynet.newservice("greeter"), "lua", "greet"), "v2/m3")
                edit.write("late.lua", "return {")
                check.raises("require of a broken module names file and line", edit.path "late.lua" .. ":1:", require, "late")
                edit.write("late.lua", "return 'fixed'")
                check.eq("require after the fix loads the fixed module", require "late", "fixed")
                print("DONE")
            end)
            """.formatted(greeter("v2"), greeting("m3"))).start("main")) {
            assertPassed(node, "a broken service file fails its newservice with file:line", "the running instance is unaffected",
                "a broken required module fails the newservice with file:line", "the running instance is still unaffected",
                "both failures were counted", "the fixed file works without another clear",
                "require of a broken module names file and line", "require after the fix loads the fixed module");
        }
    }

    @Test
    void modesOnExistAndOffArePerService() throws Exception {
        try (TestNode node = node().service("data", "return 'd1'").service("probe", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.retpack(require("skynet.codecache").mode()) end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            local edit = require "edit"
            local cache = require "skynet.codecache"
            local data, fresh = edit.path "data.lua", edit.path "fresh.lua"
            local function same(a, b) return a.hits == b.hits and a.misses == b.misses and a.entries == b.entries end
            skynet.start(function()
                check.eq("ON is the default", cache.mode(), "ON")
                check.eq("loadfile is the service's loadfile", cache.loadfile, loadfile)
                check.eq("ON compiles and caches", dofile(data), "d1")
                edit.write("data.lua", "return 'd2'")
                check.eq("ON serves the cached version", dofile(data), "d1")
                cache.mode "EXIST"
                check.eq("mode() returns the mode set", cache.mode(), "EXIST")
                check.eq("EXIST serves a cached file from the cache", dofile(data), "d1")
                edit.write("fresh.lua", "return 'f1'")
                local before = cache.stats()
                check.eq("EXIST reads an uncached file from disk", dofile(fresh), "f1")
                check.ok("EXIST does not fill the cache", same(before, cache.stats()))
                cache.mode "OFF"
                check.eq("OFF reads the disk", dofile(data), "d2")
                check.ok("OFF leaves the cache alone", same(before, cache.stats()))
                check.raises("an unknown mode is refused", "invalid codecache mode SOMETIMES", cache.mode, "SOMETIMES")
                check.eq("other services keep their own mode", skynet.call(skynet.newservice("probe"), "lua"), "ON")
                cache.mode "ON"
                check.eq("back ON, the cached version again", dofile(data), "d1")
                os.remove(data)
                check.eq("a cached load does not read the disk", dofile(data), "d1")
                cache.clear(data)
                local f, err = loadfile(data)
                check.ok("after clear the file is looked for on disk", f == nil and err:find("cannot open", 1, true), err)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "ON is the default", "loadfile is the service's loadfile", "ON compiles and caches",
                "ON serves the cached version", "mode() returns the mode set", "EXIST serves a cached file from the cache",
                "EXIST reads an uncached file from disk", "EXIST does not fill the cache", "OFF reads the disk",
                "OFF leaves the cache alone", "an unknown mode is refused", "other services keep their own mode",
                "back ON, the cached version again", "a cached load does not read the disk",
                "after clear the file is looked for on disk");
        }
    }

    @Test
    void oldCodeIsFreedOnceItsLastServiceExits() throws Exception {
        String worker = """
            local skynet = require "skynet"
            local greeting = require "greeting"
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.retpack(greeting.text()) end)
                print("worker " .. greeting.text() .. " up")
            end)
            """;
        String greetingV1 = "local M = {} function M.text() return 'm1' end return M";
        String greetingV2 = "local M = {} function M.text() return 'm2' end return M";
        try (TestNode node = node().service("worker", worker).service("greeting", greetingV1)
            .service("main", "require('skynet').start(function() print('READY') end)").start("main")) {
            node.await("READY");
            LuaRuntime runtime = node.node().runtime();
            CodeCache cache = runtime.cache();
            String workerFile = dir.resolve("worker.lua").toString();
            String greetingFile = dir.resolve("greeting.lua").toString();
            int first = runtime.launch("worker").handle; // only the address: a reference would keep its code alive
            node.await("worker m1 up");
            List<WeakReference<Prototype>> old = new ArrayList<>();
            weakTree(cache.cached(workerFile).prototype(), old);
            weakTree(cache.cached(greetingFile).prototype(), old);

            node.service("greeting", greetingV2);
            assertEquals(2, cache.clear(workerFile) + cache.clear(greetingFile));
            runtime.launch("worker");
            node.await("worker m2 up");
            for (int i = 0; i < 3; i++) System.gc();
            // A main chunk that has run is garbage even while its service lives; the functions it made are not.
            assertTrue(old.stream().anyMatch(r -> r.get() != null), "a running service's functions must stay alive");

            node.node().node().kill(first);
            long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
            while (old.stream().anyMatch(r -> r.get() != null)) {
                assertTrue(System.nanoTime() < deadline, "old prototypes still reachable after their last service exited");
                System.gc();
                Thread.sleep(10);
            }
            assertNotNull(cache.cached(greetingFile), "the current version stays cached");
        }
    }

    /** Weak references to a prototype and every function prototype nested in it. */
    private static void weakTree(Prototype p, List<WeakReference<Prototype>> out) {
        out.add(new WeakReference<>(p));
        for (Prototype nested : p.p) weakTree(nested, out);
    }

    @Test
    void concurrentFirstLoadsInManyServicesCompileOnce() throws Exception {
        StringBuilder big = new StringBuilder("local M = {}\n");
        for (int i = 0; i < 200; i++) big.append("function M.f").append(i).append("(a) return a * ").append(i).append(" end\n");
        big.append("return M\n");
        try (TestNode node = node().service("bigmod", big.toString()).service("racer", """
            local skynet = require "skynet"
            local big = require "bigmod"
            skynet.start(function()
                skynet.dispatch("lua", function()
                    skynet.retpack(require("skynet.codecache").versions()[require("edit").path "bigmod.lua"].hash, big.f7(6))
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            local cache = require "skynet.codecache"
            local N = 40
            skynet.start(function()
                require "edit" -- loaded once here so the racers' only first loads are racer.lua and bigmod.lua
                local before = cache.stats()
                local racers, left, me = {}, N, coroutine.running()
                for i = 1, N do
                    skynet.fork(function()
                        racers[i] = skynet.newservice("racer")
                        left = left - 1
                        if left == 0 then skynet.wakeup(me) end
                    end)
                end
                skynet.wait(me)
                local after = cache.stats()
                check.eq("two new files, two compiles", after.misses - before.misses, 2)
                local hashes, versions, answers = {}, 0, 0
                for i = 1, N do
                    local hash, answer = skynet.call(racers[i], "lua")
                    if not hashes[hash] then hashes[hash], versions = true, versions + 1 end
                    if answer == 42 then answers = answers + 1 end
                end
                check.eq("every racer runs the same module version", versions, 1)
                check.eq("every racer has its own working module", answers, N)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "two new files, two compiles", "every racer runs the same module version",
                "every racer has its own working module");
        }
    }
}
