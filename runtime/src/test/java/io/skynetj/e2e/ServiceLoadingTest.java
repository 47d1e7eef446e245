package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How service files are found and prepared: luaservice patterns, SERVICE_NAME/PATH, preload, logger. */
class ServiceLoadingTest {
    @TempDir
    Path dir;

    @Test
    void directoryServicesAndServiceGlobals() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("multi/init", """
            local skynet = require "skynet"
            local helper = require "helper" -- found beside init.lua through the service's own package.path
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.retpack(SERVICE_NAME, SERVICE_PATH, helper.answer) end)
            end)
            """).service("multi/helper", "return { answer = 42 }").service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local name, path, answer = skynet.call(skynet.newservice("multi"), "lua")
                check.eq("SERVICE_NAME", name, "multi")
                check.ok("SERVICE_PATH is the service's directory", path:sub(-7) == "/multi/", path)
                check.eq("require beside the service", answer, 42)
                check.eq("plain service SERVICE_NAME", SERVICE_NAME, "main")
                check.ok("plain service SERVICE_PATH", SERVICE_PATH ~= nil and SERVICE_PATH:sub(-1) == "/", SERVICE_PATH)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "SERVICE_NAME", "SERVICE_PATH is the service's directory", "require beside the service",
                "plain service SERVICE_NAME", "plain service SERVICE_PATH");
        }
    }

    @Test
    void preloadRunsInEveryServiceWithItsArguments() throws Exception {
        Path preload = dir.resolve("preload.lua");
        Files.writeString(preload, "PRELOADED = select('#', ...) .. ':' .. tostring((...))\n");
        try (TestNode node = LuaScenario.node(dir).config("preload", preload.toString()).service("other", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.retpack(PRELOADED) end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                check.eq("preload in the start service", PRELOADED, "0:nil")
                check.eq("preload gets the service's arguments", skynet.call(skynet.newservice("other", "x", "y"), "lua"), "2:x")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "preload in the start service", "preload gets the service's arguments");
        }
    }

    @Test
    void requireSearchesThePathSkippingDirectoriesAndNamesEveryFileTried() throws Exception {
        Files.createDirectories(dir.resolve("pkg.lua")); // a directory where the first pattern points
        Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(dir.resolve("pkg/init.lua"), "return 'from init.lua'\n");
        try (TestNode node = LuaScenario.node(dir).config("lua_path", dir + "/?.lua;" + dir + "/?/init.lua").service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                check.eq("directory skipped, init.lua found", require "pkg", "from init.lua")
                local ok, err = pcall(require, "nosuchmodule")
                check.ok("missing module names the files tried", not ok and err:find("%s/nosuchmodule.lua", 1, true)
                    and err:find("%s/nosuchmodule/init.lua", 1, true), err)
                print("DONE")
            end)
            """.formatted(dir, dir)).start("main")) {
            assertPassed(node, "directory skipped, init.lua found", "missing module names the files tried");
        }
    }

    @Test
    void loggerKeyWritesTheLogToAFile() throws Exception {
        Path log = dir.resolve("node.log");
        try (TestNode node = LuaScenario.node(dir).config("logger", log.toString()).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.error("to the log file", 1, nil)
                print("DONE")
            end)
            """).start("main")) {
            node.await("DONE");
            String text = Files.readString(log);
            // skynet's service_logger prefix: day/month/year hour:minute:second.centiseconds
            assertTrue(text.matches("(?s).*\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d\\d \\[:[0-9a-f]{8}\\] to the log file 1 nil\\n.*"), text);
            assertTrue(node.lines().stream().noneMatch(l -> l.contains("to the log file")), "log lines go to the file, not stdout");
        }
    }
}
