package io.skynetj.e2e;

import io.skynetj.lua.LuaNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require "sproto.core" in a service. sproto/cases.lua prints one line per case; cases.expected is
 * what skynet's own Lua with its luaclib/sproto.so printed for the same file (the schema in it was
 * made by skynet's sprotoparser from sproto/schema.sproto; schema.hex is that binary).
 */
class SprotoTest {
    @TempDir
    Path dir;

    @Test
    void coreEncodesAsSkynetDoes() throws Exception {
        LuaScenario.assertSameAsReference(dir, "/sproto/cases.lua");
    }

    @Test
    void parserMakesSkynetsBundle() throws Exception {
        Path schema = Path.of(getClass().getResource("/sproto/schema.sproto").toURI());
        String expected = Files.readString(schema.resolveSibling("schema.hex")).trim();
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local parser = require "sprotoparser"
            local check = require "check"
            skynet.start(function()
                local f = assert(io.open(%s))
                local bin = parser.parse(f:read "*a")
                f:close()
                check.eq("bundle", (bin:gsub(".", function(c) return string.format("%%02x", c:byte()) end)), %s)
                check.raises("syntax error line", "syntax error at [f] line (2)", parser.parse, ".a {\\n x : integer }", "f")
                check.raises("undefined type", "Undefined type nope in type a", parser.parse, ".a { x 0 : nope }")
                check.raises("redefined tag", "redefine tag 0 in type a", parser.parse, ".a { x 0 : integer y 0 : string }")
                check.raises("map of three fields", "Invalid map definition: m, must only have two fields", parser.parse,
                    ".P { a 0 : integer b 1 : string c 2 : boolean }\\n.Q { m 0 : *P() }")
                print("DONE")
            end)
            """.formatted(LuaScenario.luaString(schema.toString()), LuaScenario.luaString(expected))).start("main")) {
            LuaScenario.assertPassed(node, "bundle", "syntax error line", "undefined type", "redefined tag", "map of three fields");
        }
    }

    /** The example in service-scripts/examples/sproto, with a client service speaking sproto to it over loopback TCP. */
    @Test
    void exampleServerAnswersAClientOverTcp() throws Exception {
        String example = LuaNode.home().resolve("service-scripts/examples/sproto").toString();
        try (TestNode node = LuaScenario.node(dir).config("luaservice", example + "/?.lua;" + dir + "/?.lua")
            .config("lua_path", example + "/?.lua;" + dir + "/?.lua").config("sproto_port", "0").service("client", """
                local skynet = require "skynet"
                local socket = require "skynet.socket"
                local sproto = require "sproto"
                local proto = require "proto"
                local check = require "check"
                local host = sproto.new(proto.s2c):host "package"
                local request = host:attach(sproto.new(proto.c2s))
                local port = tonumber((...))
                local fd
                local function send(packet)
                    socket.write(fd, string.char(math.floor(#packet / 256), #packet % 256) .. packet)
                end
                local function receive()
                    local head = socket.read(fd, 2)
                    if not head then return end
                    return host:dispatch(socket.read(fd, head:byte(1) * 256 + head:byte(2)))
                end
                skynet.start(function()
                    fd = socket.open("127.0.0.1", port)
                    send(request("handshake", nil, 1))
                    local kind, session, result = receive()
                    check.eq("handshake answered", kind .. " " .. session .. " " .. result.msg, "RESPONSE 1 Welcome to skynetj")
                    local kind2, name = receive()
                    check.eq("heartbeat pushed", kind2 .. " " .. name, "REQUEST heartbeat")
                    send(request("set", { what = "hello", value = "world" }))
                    send(request("get", { what = "hello" }, 2))
                    local _, s2, r2 = receive()
                    check.eq("get after set", s2 .. " " .. tostring(r2.result), "2 world")
                    send(request("get", { what = "nothing" }, 3))
                    local _, s3, r3 = receive()
                    check.eq("get of a missing key", s3 .. " " .. tostring(r3.result), "3 nil")
                    send(request("quit"))
                    check.eq("server closes after quit", socket.read(fd, 2), false)
                    print("DONE")
                end)
                """).start("sproto_main")) {
            String line = node.await("sproto server listening on ");
            String port = line.substring(line.lastIndexOf(':') + 1).trim();
            node.node().runtime().launch("client " + port);
            LuaScenario.assertPassed(node, "handshake answered", "heartbeat pushed", "get after set", "get of a missing key",
                "server closes after quit");
        }
    }
}
