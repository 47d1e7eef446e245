package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syntax and compiler-limit errors and chunk names read as Lua 5.2 writes them. */
class CompilerMessagesTest {
    @TempDir
    Path dir;

    @Test
    void syntaxErrorsNameTheTokenAsLua52Does() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            local function err(src) return select(2, load(src)) end
            skynet.start(function()
                check.eq("unexpected symbol", err("x = = 1"), [[[string "x = = 1"]:1: unexpected symbol near '=']])
                check.eq("unexpected symbol (brace)", err("x = }"), [[[string "x = }"]:1: unexpected symbol near '}']])
                check.eq("unexpected eof", err("x = 1 +"), [[[string "x = 1 +"]:1: unexpected symbol near <eof>]])
                check.eq("name expected", err("local 1"), [[[string "local 1"]:1: <name> expected near '1']])
                check.eq("end expected", err("if x then"), [[[string "if x then"]:1: 'end' expected near <eof>]])
                check.eq("eof expected", err("return 1 2"), [[[string "return 1 2"]:1: <eof> expected near '2']])
                check.eq("keyword token", err("x = then"), [[[string "x = then"]:1: unexpected symbol near 'then']])
                for _, tok in ipairs { "local", "in", "goto", "<=", "~=", "::", "==", "while", "and" } do
                    check.eq("token " .. tok, err("x = " .. tok), '[string "x = ' .. tok .. '"]:1: unexpected symbol near ' .. "'" .. tok .. "'")
                end
                local utf8 = "x = \\196\\141" -- 'č' in UTF-8: Lua reads the first byte as a token
                check.eq("non-ASCII byte", err(utf8), '[string "' .. utf8 .. '"]:1: unexpected symbol near ' .. "'<\\\\196>'") -- lua5.4's text
                check.eq("vararg outside a vararg function", select(2, load("function f() return ... end", "=s")),
                    "s:1: cannot use '...' outside a vararg function near '...'")
                check.eq("multi-char token", err("x = .."), [[[string "x = .."]:1: unexpected symbol near '..']])
                check.eq("name token", err("x y"), [[[string "x y"]:1: syntax error near 'y']])
                check.eq("string token", err("x = 1 'a'"), [[[string "x = 1 'a'"]:1: unexpected symbol near ''a'']])
                check.eq("number token", err("x = 1 1"), [[[string "x = 1 1"]:1: unexpected symbol near '1']])
                check.eq("unfinished string at the end", err("x = 'abc"), [[[string "x = 'abc"]:1: unfinished string near <eof>]])
                check.eq("unfinished string at a newline", select(2, load("x = 'abc\\ny'", "=s")), [[s:1: unfinished string near ''abc']])
                check.eq("repeated label", select(2, load("::a:: ::a::", "=s")), "s:1: label 'a' already defined on line 1")
                local names = {}
                for i = 1, 201 do names[i] = "a" .. i end
                local src = "local " .. table.concat(names, ",") .. " = 1"
                check.eq("too many locals", err(src),
                    [[[string "local a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,..."]:1: too many local variables (limit is 200) in main function near '=']])
                local body = {}
                for i = 1, 201 do body[i] = "local v" .. i .. " = " .. i end
                src = "local x\\nfunction f()\\n" .. table.concat(body, "\\n") .. "\\nend"
                check.eq("too many locals in a function", select(2, load(src, "=limits")),
                    "limits:203: too many local variables (limit is 200) in function at line 2 near '='")
                check.eq("locals of enclosing functions do not count", select("#", assert(load("local a\\nfunction f()\\n" .. table.concat(body, "\\n", 1, 200) .. "\\nend"))), 1)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "unexpected symbol", "unexpected symbol (brace)", "unexpected eof", "name expected", "end expected",
                "eof expected", "keyword token", "token local", "token in", "token goto", "token <=", "token ~=", "token ::", "token ==", "non-ASCII byte", "vararg outside a vararg function",
                "token while", "token and", "multi-char token", "name token", "string token", "number token",
                "unfinished string at the end", "unfinished string at a newline", "repeated label", "too many locals",
                "locals of enclosing functions do not count", "too many locals in a function");
        }
    }

    @Test
    void longFileNamesKeepTheirEnd() throws Exception {
        String longDir = "a-directory-name-long-enough-to-be-cut-by-chunkid/and-one-more-level";
        try (TestNode node = LuaScenario.node(dir).service(longDir + "/thrower", """
            return function() error("thrown") end
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local path = "%s/%s/thrower.lua"
                local f = assert(loadfile(path))()
                local msg = select(2, pcall(f))
                check.eq("a long file name keeps its end", msg, "..." .. path:sub(-56) .. ":1: thrown")
                local _, serr = load("x = = 1", "@" .. path)
                check.eq("syntax errors too", serr, "..." .. path:sub(-56) .. ":1: unexpected symbol near '='")
                print("DONE")
            end)
            """.formatted(dir, longDir)).start("main")) {
            assertPassed(node, "a long file name keeps its end", "syntax errors too");
        }
    }
}
