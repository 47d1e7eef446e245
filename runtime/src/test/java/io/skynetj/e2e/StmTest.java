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
}
