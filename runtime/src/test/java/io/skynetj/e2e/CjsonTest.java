package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require "cjson" in a service. cases.lua prints one line per case; cases.expected is what Debian's
 * lua-cjson 2.1.0 printed for the same file under lua5.4 ({@code lua5.4 cases.lua > cases.expected}).
 */
class CjsonTest {
    @TempDir
    Path dir;

    @Test
    void behavesAsLuaCjson() throws Exception {
        LuaScenario.assertSameAsReference(dir, "/cjson/cases.lua");
    }

    @Test
    void openRestyAdditions() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local cjson = require "cjson"
            local safe = require "cjson.safe"
            local check = require "check"
            skynet.start(function()
                check.eq("empty_array", cjson.encode({ list = cjson.empty_array }), '{"list":[]}')
                check.eq("array_mt on an empty table", cjson.encode(setmetatable({}, cjson.array_mt)), "[]")
                check.eq("array_mt takes the border", cjson.encode(setmetatable({ 1, 2, x = 3 }, cjson.array_mt)), "[1,2]")
                check.eq("empty_array_mt empty", cjson.encode(setmetatable({}, cjson.empty_array_mt)), "[]")
                check.eq("empty_array_mt not empty", cjson.encode(setmetatable({ a = 1 }, cjson.empty_array_mt)), '{"a":1}')
                check.eq("safe shares array_mt", safe.array_mt, cjson.array_mt)
                check.eq("decode_array_with_array_mt off", getmetatable(cjson.decode("[]")), nil)
                cjson.decode_array_with_array_mt(true)
                local t = cjson.decode('{"a":[]}')
                check.eq("decoded arrays get array_mt", getmetatable(t.a), cjson.array_mt)
                check.eq("so an empty one encodes back as an array", cjson.encode(t), '{"a":[]}')
                cjson.encode_empty_table_as_object(false)
                check.eq("encode_empty_table_as_object(false)", cjson.encode({ {} }), "[[]]")
                cjson.encode_escape_forward_slash(false)
                check.eq("encode_escape_forward_slash(false)", cjson.encode("a/b"), '"a/b"')
                local other = cjson.new()
                check.eq("new() starts from the defaults", other.encode({ "a/b", {} }), '["a\\\\/b",{}]')
                check.eq("safe invalid", select(2, safe.decode("{")) ~= nil, true)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "empty_array", "array_mt on an empty table", "array_mt takes the border", "empty_array_mt empty",
                "empty_array_mt not empty", "safe shares array_mt", "decode_array_with_array_mt off", "decoded arrays get array_mt",
                "so an empty one encodes back as an array", "encode_empty_table_as_object(false)",
                "encode_escape_forward_slash(false)", "new() starts from the defaults", "safe invalid");
        }
    }
}
