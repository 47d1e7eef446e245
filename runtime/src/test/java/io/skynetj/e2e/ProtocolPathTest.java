package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skynet.send, skynet.call, skynet.retpack and request dispatch run in skynet.core without Lua calls
 * (the hot paths); they must behave as skynet.lua's Lua versions: any protocol's pack, unpack and
 * dispatch (functions, callable tables, inherited through a metatable, replaced at run time), the
 * same errors at the same position, and a service that installs its own callback gets every message.
 */
class ProtocolPathTest {
    @TempDir
    Path dir;

    static final String TEXT_PROTOCOL = """
        local skynet = require "skynet"
        local c = require "skynet.core"
        -- a protocol with Lua pack/unpack: words joined by spaces
        skynet.register_protocol {
            name = "text",
            id = skynet.PTYPE_TEXT,
            pack = function(...) return table.concat({ ... }, " ") end,
            unpack = function(msg, sz)
                local words = {}
                for w in string.gmatch(c.tostring(msg, sz), "%S+") do words[#words + 1] = w end
                return table.unpack(words)
            end,
        }
        -- a protocol class whose functions come through a metatable, pack a callable table
        local class = { pack = setmetatable({}, { __call = function(_, ...) return skynet.pack("via-call", ...) end }),
            unpack = skynet.unpack }
        skynet.register_protocol(setmetatable({ name = "meta", id = 12 }, { __index = class }))
        return class
        """;

    @Test
    void customProtocolsPackUnpackAndDispatchAsInLua() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("textproto", TEXT_PROTOCOL).service("peer", """
            local skynet = require "skynet"
            local class = require "textproto"
            local seen = {}
            skynet.start(function()
                skynet.dispatch("text", function(session, source, a, b, c)
                    if session == 0 then
                        seen[#seen + 1] = a .. "+" .. b
                    else
                        skynet.ret(table.concat({ "got", a, b, tostring(c), #seen }, " "))
                    end
                end)
                class.dispatch = function(session, source, ...)
                    skynet.retpack(select("#", ...), ...)
                end
                skynet.dispatch("lua", function(session, source, cmd, ...)
                    if cmd == "swap" then
                        skynet.dispatch("lua", function(_, _, ...) skynet.retpack("second", ...) end)
                        skynet.retpack("swapped")
                    else
                        skynet.retpack("first", cmd, ...)
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            require "textproto"
            local function all(...)
                local t = {}
                for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
                return table.concat(t, ",")
            end
            skynet.start(function()
                local p = skynet.newservice("peer")
                check.eq("text send returns 0", skynet.send(p, "text", "x", "y"), 0)
                check.eq("text call", skynet.call(p, "text", "hello", "world"), "got")
                check.eq("text call, every value", all(skynet.call(p, "text", "a", "b")), "got,a,b,nil,1")
                check.eq("inherited dispatch and callable pack", all(skynet.call(p, "meta", 1, nil, "z")), "4,via-call,1,nil,z")
                check.eq("lua call", all(skynet.call(p, "lua", "ping", 1, true)), "first,ping,1,true")
                check.eq("lua call, one value", all(skynet.call(p, "lua", "ping")), "first,ping")
                check.eq("lua call, no value", all(skynet.call(p, "lua")), "first,nil")
                check.eq("dispatch replaced while running", skynet.call(p, "lua", "swap"), "swapped")
                check.eq("the new dispatch serves the next request", all(skynet.call(p, "lua", "again")), "second,again")
                check.eq("nil holes survive the round trip", select("#", skynet.call(p, "lua", nil, nil)), 3)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "text send returns 0", "text call", "text call, every value", "inherited dispatch and callable pack",
                "lua call", "lua call, one value", "lua call, no value", "dispatch replaced while running", "the new dispatch serves the next request", "nil holes survive the round trip");
        }
    }

    @Test
    void errorsNameTheCallersLine() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("peer", """
            local skynet = require "skynet"
            skynet.register_protocol { name = "nounpack", id = 13, pack = skynet.pack }
            skynet.start(function()
                skynet.dispatch("lua", function() error("refused") end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.register_protocol { name = "nounpack", id = 13, pack = skynet.pack }
            skynet.register_protocol { name = "nopack", id = 14 }
            skynet.start(function()
                local p = skynet.newservice("peer")
                -- the error with its path cut to the file name; no tail calls, so the caller's frame is there
                local function try(f) local ok, err = pcall(f) return (string.gsub(tostring(err), "^.*/", "")) end
                check.eq("unknown protocol at the caller's line",
                    try(function() local r = skynet.send(p, "nosuch", 1) return r end), "main.lua:10: unknown protocol nosuch")
                check.eq("invalid address at the caller's line",
                    try(function() local r = skynet.call(".nobody", "lua", 1) return r end), "main.lua:12: call to invalid address .nobody")
                check.eq("invalid numeric address",
                    try(function() local r = skynet.call(0x7fff00, "lua", 1) return r end), "main.lua:14: call to invalid address :007fff00")
                check.eq("failed call at the caller's line",
                    try(function() local r = skynet.call(p, "lua", 1) return r end), "main.lua:16: call failed")
                check.ok("unpackable argument", tostring(try(function() return skynet.send(p, "lua", print) end)):find("Unsupport type function to serialize", 1, true))
                check.ok("protocol without pack", tostring(try(function() return skynet.send(p, "nopack", 1) end)):find("attempt to call", 1, true))
                check.eq("send to a protocol the peer cannot unpack returns 0", skynet.send(p, "nounpack", 1), 0)
                check.eq("bad address type", select(2, pcall(skynet.send, {}, "lua", 1)) ~= nil, true)
                check.raises("retpack outside a request", "No session", skynet.retpack, 1)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "unknown protocol at the caller's line", "invalid address at the caller's line", "invalid numeric address",
                "failed call at the caller's line", "unpackable argument", "protocol without pack",
                "send to a protocol the peer cannot unpack returns 0", "bad address type", "retpack outside a request");
        }
    }

    @Test
    void aServiceWithItsOwnCallbackGetsEveryMessage() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("raw", """
            local skynet = require "skynet"
            local c = require "skynet.core"
            skynet.start(function()
                skynet.dispatch("lua", function() error("the skynet.lua dispatch must not run") end)
                c.callback(function(prototype, msg, sz, session, source)
                    if session ~= 0 then
                        c.ret(c.pack("raw", prototype, c.unpack(msg, sz)))
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local r = skynet.newservice("raw")
                check.eq("own callback answers", table.concat({ skynet.call(r, "lua", "hi", 2) }, ","), "raw,10,hi,2")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "own callback answers");
        }
    }
}
