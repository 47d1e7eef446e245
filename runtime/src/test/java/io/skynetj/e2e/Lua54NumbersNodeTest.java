package io.skynetj.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lua 5.4 numbers in services of a real node: integers and floats keep their subtype and every bit
 * through skynet.call (skynet.pack/unpack between two services), and print as Lua 5.4 does.
 */
class Lua54NumbersNodeTest {
    @TempDir
    Path dir;

    @Test
    void integersAndFloatsCrossServicesExactly() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("echo", """
                local skynet = require "skynet"
                skynet.start(function()
                    skynet.dispatch("lua", function(_, _, ...)
                        local types = {}
                        for i = 1, select("#", ...) do types[i] = math.type((select(i, ...))) end
                        skynet.ret(skynet.pack(table.concat(types, ","), ...))
                    end)
                end)
                """)
            .service("main", """
                local skynet = require "skynet"
                local check = require "check"
                skynet.start(function()
                    local echo = skynet.newservice("echo")
                    local id = 9007199254740993 -- 2^53 + 1: no double holds it
                    local types, a, b, c, d, e = skynet.call(echo, "lua", id, 3.0, 10 / 2, math.mininteger, {k = 7, [2^53] = "f"})
                    check.eq("subtypes seen by the other service", types, "integer,float,float,integer")
                    check.eq("64-bit id exact", a, id)
                    check.eq("id still an integer", math.type(a), "integer")
                    check.eq("3.0 still a float", math.type(b), "float")
                    check.eq("10/2 prints as 5.0", tostring(c), "5.0")
                    check.eq("mininteger exact", d, math.mininteger)
                    check.eq("table integer value", math.type(e.k), "integer")
                    check.eq("float key 2^53 came back as the integer key", e[9007199254740992], "f")
                    check.eq("integer arithmetic wraps", math.maxinteger + 1, math.mininteger)
                    local mask <const> = 0xFF
                    check.eq("const local and bitwise operators", ((id >> 52) & mask) .. "," .. (id & mask), "2,1")
                    check.eq("assigning a const local is a compile error", select(2, load("local k <const> = 1; k = 2", "=c")),
                        "c:1: attempt to assign to const variable 'k'")
                    print("DONE")
                end)
                """)
            .start("main")) {
            LuaScenario.assertPassed(node, "subtypes seen by the other service", "64-bit id exact", "id still an integer",
                "3.0 still a float", "10/2 prints as 5.0", "mininteger exact", "table integer value",
                "float key 2^53 came back as the integer key", "integer arithmetic wraps", "const local and bitwise operators",
                "assigning a const local is a compile error");
        }
    }
}
