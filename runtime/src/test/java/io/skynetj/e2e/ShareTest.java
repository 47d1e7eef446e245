package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require "skynet.sharedata" and "skynet.sharetable": one shared read-only copy per node, read by many services. */
class ShareTest {
    @TempDir
    Path dir;

    private static final String READER = """
        local skynet = require "skynet"
        local sharedata = require "skynet.sharedata"
        local sharetable = require "skynet.sharetable"
        local kept = {}
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, cmd, name, ...)
                if cmd == "keep" then
                    kept[name] = sharedata.query(name)
                    skynet.ret(skynet.pack(kept[name].version))
                elseif cmd == "read" then
                    local ok, v = pcall(function(...)
                        local t = kept[name]
                        for _, k in ipairs({ ... }) do t = t[k] end
                        return t
                    end, ...)
                    skynet.ret(skynet.pack(ok, v))
                elseif cmd == "table" then
                    kept[name] = sharetable.query(name)
                    skynet.ret(skynet.pack(kept[name].x))
                elseif cmd == "tablex" then
                    skynet.ret(skynet.pack(kept[name].x))
                elseif cmd == "tableupdate" then
                    sharetable.update(name)
                    skynet.ret(skynet.pack(kept[name].x))
                end
            end)
        end)
        """;

    @Test
    void sharedataIsReadOnlySharedAndFollowsUpdates() throws Exception {
        Files.writeString(dir.resolve("data.lua"), "local n = ... \nreturn { n = n, list = { 'a', 'b' } }\n");
        try (TestNode node = LuaScenario.node(dir).service("reader", READER).service("main", """
            local skynet = require "skynet"
            local sharedata = require "skynet.sharedata"
            local cjson = require "cjson"
            local check = require "check"
            skynet.start(function()
                sharedata.new("conf", { version = 1, rows = { { id = 1, name = "one" }, { id = 2, name = "two" }, { id = 3, name = "three" } }, opts = { deep = { x = "y" } } })
                local t = sharedata.query("conf")
                check.eq("type", type(t), "table")
                check.eq("field", t.version, 1)
                check.eq("nested", t.rows[2].name, "two")
                check.eq("# of a nested array", #t.rows, 3)
                local ids = {}
                for i, row in ipairs(t.rows) do ids[#ids + 1] = i .. "=" .. row.id end
                check.eq("ipairs", table.concat(ids, ","), "1=1,2=2,3=3")
                local keys = {}
                for k in pairs(t) do keys[#keys + 1] = k end
                table.sort(keys)
                check.eq("pairs", table.concat(keys, ","), "opts,rows,version")
                local k, v = next(t.opts)
                check.eq("next", k .. ":" .. type(v), "deep:table")
                check.eq("rawget", rawget(t, "version"), 1)
                check.eq("same sub-table object each time", t.rows[1] == t.rows[1] and rawequal(t.opts, t.opts), true)
                check.eq("as a key", ({ [t.opts] = "found" })[t.opts], "found")
                check.eq("query again gives the same table", sharedata.query("conf"), t)
                check.raises("no assignment", "Error newindex, the key [.rows.1]", function() t.rows[1].id = 9 end)
                check.raises("no new key", "Error newindex", function() t.extra = 1 end)
                check.raises("no rawset", "Error newindex", rawset, t, "version", 2)
                check.raises("no setmetatable", "Error newindex", setmetatable, t, {})
                check.raises("no table.insert", "Error newindex", table.insert, t.rows, 4)
                check.eq("unchanged after the attempts", t.rows[1].id .. "," .. #t.rows .. "," .. tostring(rawget(t, "extra")), "1,3,nil")
                check.eq("skynet.pack copies it", skynet.unpack(skynet.pack(t)).rows[3].name, "three")
                check.eq("cjson encodes it", cjson.encode(t.opts), '{"deep":{"x":"y"}}')
                local copy = sharedata.deepcopy("conf", "rows", 1)
                copy.id = 100
                check.eq("deepcopy is a writable table of ours", copy.id .. "," .. t.rows[1].id, "100,1")

                local reader = skynet.newservice("reader")
                check.eq("another service reads it", skynet.call(reader, "lua", "keep", "conf"), 1)
                local old_rows = t.rows
                local deep = t.opts.deep
                sharedata.update("conf", { version = 2, rows = { { id = 10 } } })
                check.eq("a view follows an update by itself", t.version, 2)
                check.eq("a sub-table view too", old_rows[1].id, 10)
                check.eq("so does another service's", select(2, skynet.call(reader, "lua", "read", "conf", "version")), 2)
                check.raises("reading a kept sub-table that vanished", "The key [.opts.deep] doesn't exist after update", function() return deep.x end)
                check.eq("a vanished key reads nil", t.opts, nil)
                sharedata.flush()

                sharedata.new("fromsource", "answer = 40 + ...", 2)
                check.eq("Lua source defining globals", sharedata.query("fromsource").answer, 42)
                sharedata.new("fromfile", "@" .. %s, 7)
                check.eq("@file with arguments", sharedata.query("fromfile").n .. sharedata.query("fromfile").list[2], "7b")
                sharedata.new("empty")
                check.eq("nil makes an empty table", next(sharedata.query("empty")), nil)
                check.raises("new of an existing name", "already exists", sharedata.new, "empty", {})
                check.raises("functions cannot be shared", "cannot share a function (at f)", sharedata.new, "bad", { f = print })
                local loop = {} loop.self = loop
                check.raises("nor cycles", "contains itself", sharedata.new, "bad", loop)
                sharedata.delete("empty")
                check.raises("query after delete", "does not exist", sharedata.query, "empty")
                print("DONE")
            end)
            """.formatted(LuaScenario.luaString(dir.resolve("data.lua").toString()))).start("main")) {
            assertPassed(node, "type", "field", "nested", "# of a nested array", "ipairs", "pairs", "next", "rawget",
                "same sub-table object each time", "as a key", "query again gives the same table", "no assignment", "no new key",
                "no rawset", "no setmetatable", "no table.insert", "unchanged after the attempts", "skynet.pack copies it",
                "cjson encodes it", "deepcopy is a writable table of ours", "another service reads it", "a view follows an update by itself",
                "a sub-table view too", "so does another service's", "reading a kept sub-table that vanished", "a vanished key reads nil",
                "Lua source defining globals", "@file with arguments", "nil makes an empty table", "new of an existing name",
                "functions cannot be shared", "nor cycles", "query after delete");
        }
    }

    @Test
    void sharetableKeepsItsVersionUntilUpdate() throws Exception {
        Files.writeString(dir.resolve("items.lua"), "local a, b = ...\nreturn { x = a + b, 'first' }\n");
        try (TestNode node = LuaScenario.node(dir).service("reader", READER).service("main", """
            local skynet = require "skynet"
            local sharetable = require "skynet.sharetable"
            local check = require "check"
            skynet.start(function()
                sharetable.loadtable("test", { x = 1, y = { "hello world" }, ["hello world"] = true })
                local t = sharetable.query("test")
                check.eq("loadtable", t.x .. t.y[1] .. tostring(t["hello world"]), "1hello worldtrue")
                sharetable.loadstring("str", "return { x = select('#', ...), ... }", 1, 2, 3)
                local s = sharetable.query("str")
                check.eq("loadstring with arguments", s.x .. ":" .. #s .. ":" .. s[3], "3:3:3")
                sharetable.loadfile(%s, 20, 22)
                check.eq("loadfile", sharetable.query(%s).x, 42)
                check.eq("query of nothing", sharetable.query("nothing"), nil)
                local some = sharetable.queryall({ "test", "nothing" })
                check.eq("queryall of a list", tostring(some.test.x) .. tostring(some.nothing), "1nil")
                local n = 0
                for name in pairs(sharetable.queryall()) do n = n + 1 end
                check.eq("queryall of all", n, 3)
                check.raises("read-only", "Error newindex", function() t.x = 2 end)

                local reader = skynet.newservice("reader")
                check.eq("another service", skynet.call(reader, "lua", "table", "test"), 1)
                sharetable.loadtable("test", { x = 2 })
                check.eq("the old version stays until update", t.x, 1)
                check.eq("in the other service too", skynet.call(reader, "lua", "tablex", "test"), 1)
                check.eq("a new query gets the new one", sharetable.query("test").x, 2)
                local y = t.y
                sharetable.update("test")
                check.eq("update moves this service's tables", t.x, 2)
                check.eq("a vanished sub-table reads empty", next(y), nil)
                check.eq("the other service moves on its own update", skynet.call(reader, "lua", "tableupdate", "test"), 2)
                print("DONE")
            end)
            """.formatted(LuaScenario.luaString(dir.resolve("items.lua").toString()), LuaScenario.luaString(dir.resolve("items.lua").toString()))).start("main")) {
            assertPassed(node, "loadtable", "loadstring with arguments", "loadfile", "query of nothing", "queryall of a list",
                "queryall of all", "read-only", "another service", "the old version stays until update", "in the other service too",
                "a new query gets the new one", "update moves this service's tables", "a vanished sub-table reads empty",
                "the other service moves on its own update");
        }
    }
}
