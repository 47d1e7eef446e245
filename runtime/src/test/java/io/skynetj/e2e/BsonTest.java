package io.skynetj.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require "bson" in a service. bson/cases.lua prints one line per case; cases.expected is what
 * skynet's own Lua with its luaclib/bson.so printed for the same file.
 */
class BsonTest {
    @TempDir
    Path dir;

    @Test
    void encodesAsSkynetDoes() throws Exception {
        LuaScenario.assertSameAsReference(dir, "/bson/cases.lua");
    }

    @Test
    void mongoDriverFramesOpMsg() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local bson = require "bson"
            local driver = require "skynet.mongo.driver"
            local check = require "check"
            local function le32(n) return string.char(n % 256, math.floor(n / 256) % 256, math.floor(n / 65536) % 256, math.floor(n / 16777216)) end
            skynet.start(function()
                local cmd = bson.encode_order("ping", 1)
                local msg = driver.op_msg(7, 2, cmd)
                check.eq("message length", msg:sub(1, 4), le32(#msg))
                check.eq("length of the rest", driver.length(msg:sub(1, 4)), #msg - 4)
                check.eq("header", msg:sub(5, 21), le32(7) .. le32(0) .. le32(2013) .. le32(2) .. "\0")
                check.eq("document", msg:sub(22), tostring(cmd))
                local ok, id, doc = driver.reply(le32(99) .. le32(7) .. le32(2013) .. le32(0) .. "\0" .. tostring(bson.encode_order("ok", 1)))
                check.eq("reply answers", tostring(ok) .. " " .. id, "true 7")
                check.eq("reply document", bson.decode(doc).ok, 1)
                check.eq("short reply", driver.reply("x"), false)
                check.raises("other opcode", "Unsupported opcode:1", driver.reply, le32(1) .. le32(7) .. le32(1) .. le32(0) .. "\0")
                print("DONE")
            end)
            """).start("main")) {
            LuaScenario.assertPassed(node, "message length", "length of the rest", "header", "document", "reply answers",
                "reply document", "short reply", "other opcode");
        }
    }
}
