package io.skynetj.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet.stm between two services: a writer publishes, a reader sees each new version once (as skynet's teststm). */
class StmTest {
    @TempDir
    Path dir;

    @Test
    void readerSeesEachNewVersionOnce() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("reader", """
            local skynet = require "skynet"
            local stm = require "skynet.stm"
            local check = require "check"
            skynet.start(function()
                local obj
                skynet.dispatch("lua", function(_, _, cmd, handle)
                    if cmd == "attach" then
                        obj = stm.newcopy(handle)
                        local ok, a, b = obj(skynet.unpack)
                        check.eq("first read", tostring(ok) .. " " .. a .. " " .. b, "true 1 2")
                        check.eq("unchanged", obj(skynet.unpack), false)
                    else
                        local ok, text, n = obj(function(msg, sz, ud) return ud, skynet.unpack(msg, sz) end, "ud")
                        check.eq("after write " .. cmd, tostring(ok) .. " " .. text .. " " .. n, "true ud hello")
                    end
                    skynet.ret()
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local stm = require "skynet.stm"
            local check = require "check"
            skynet.start(function()
                local reader = skynet.newservice("reader")
                local obj = stm.new(skynet.pack(1, 2))
                skynet.call(reader, "lua", "attach", stm.copy(obj))
                obj(skynet.pack("hello", 3))
                skynet.call(reader, "lua", "1")
                obj(skynet.packstring("hello", 4))
                skynet.call(reader, "lua", "2")
                check.raises("a copy is taken once", "invalid stm copy", function()
                    local h = stm.copy(obj)
                    stm.newcopy(h)
                    stm.newcopy(h)
                end)
                print("DONE")
            end)
            """).start("main")) {
            LuaScenario.assertPassed(node, "first read", "unchanged", "after write 1", "after write 2", "a copy is taken once");
        }
    }

    /** As skynet's test/teststm.lua ends: once the writer's service has exited, a reader reads false. */
    @Test
    void aReaderReadsFalseOnceTheWriterIsGone() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("writer", """
            local skynet = require "skynet"
            local stm = require "skynet.stm"
            local obj
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd)
                    if cmd == "copy" then
                        obj = obj or stm.new(skynet.pack("v1"))
                        skynet.retpack(stm.copy(obj))
                    else
                        obj(skynet.pack("v2"))
                        skynet.ret()
                        skynet.exit()
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local stm = require "skynet.stm"
            local check = require "check"
            skynet.start(function()
                local writer = skynet.newservice("writer")
                -- readers that each look once: reading is what tells, and it consumes the news
                local readers = {}
                for i = 1, 200 do
                    readers[i] = stm.newcopy(skynet.call(writer, "lua", "copy"))
                end
                check.eq("first version", select(2, readers[1](skynet.unpack)), "v1")
                skynet.call(writer, "lua", "write and exit")
                -- the writer's last write (v2) is seen until its exit releases it; then readers read false
                local released
                for i = 2, #readers do
                    if readers[i](skynet.unpack) == false then
                        released = readers[i]
                        break
                    end
                    skynet.sleep(1)
                end
                check.eq("false once the writer's service is gone", released ~= nil, true)
                check.eq("and false after that", released and released(skynet.unpack), false)
                print("DONE")
            end)
            """).start("main")) {
            LuaScenario.assertPassed(node, "first version", "false once the writer's service is gone", "and false after that");
        }
    }
}
