-- lua-cjson behaviour cases: each line printed is compared with what Debian's lua-cjson 2.1.0
-- printed under lua5.4 (cases.expected). Only lua-cjson 2.1.0's API is used here.
local cjson = require "cjson"
local function show(v)
    if v == cjson.null then return "<null>" end
    if type(v) == "table" then
        local keys = {}
        for k in pairs(v) do keys[#keys + 1] = k end
        table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
        local parts = {}
        for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. show(v[k]) end
        return "{" .. table.concat(parts, ",") .. "}"
    end
    if type(v) == "string" then
        -- bytes outside ASCII as \ddd: output compares byte for byte
        v = v:gsub("[\128-\255]", function(c) return "\\" .. c:byte() end)
        -- the function's name in an argument error is '?' in stock Lua when called through pcall
        v = v:gsub("bad argument (#%d+) to '[^']*'", "bad argument %1")
    end
    return type(v) .. ":" .. tostring(v)
end
local function case(name, f, ...)
    local r = table.pack(pcall(f, ...))
    local parts = {}
    for i = 1, r.n do parts[i] = show(r[i]) end
    print(name .. " -> " .. table.concat(parts, " | "))
end
local enc, dec = cjson.encode, cjson.decode

-- numbers: %.14g, integers without .0
case("int", enc, 100)
case("neg", enc, -42)
case("float", enc, 0.1)
case("third", enc, 1/3)
case("big", enc, 1e20)
case("2^53", enc, 2^53)
case("tiny", enc, 1.5e-300)
case("negzero", enc, -0.0)
case("inf", enc, 1/0)
case("nan", enc, 0/0)
case("number key", enc, {[1.5] = 1})
-- strings and escaping
case("escapes", enc, "a/b\"\\\n\t\r\b\f\1\31\127")
case("utf8 passes", enc, "é😀")
case("raw high bytes", function(s) return enc(s):byte(1, -1) end, "\200\255")
case("nul", enc, "\0a")
case("slash key", enc, {["a/b"] = "c"})
-- tables
case("array", enc, {1, 2, 3})
case("object", enc, {a = 1})
case("empty", enc, {})
case("nested", enc, {"a", {b = {1, 2, {}}}})
case("holes filled with null", enc, {[1] = 1, [3] = 3})
case("too sparse", enc, {[1] = 1, [20] = 3})
case("mixed keys", enc, {[1] = 1, ["2"] = 2})
case("negative index", enc, {[-1] = 1})
case("zero index", enc, {[0] = 1})
case("bool key", enc, {[true] = 1})
case("function", enc, function() end)
case("null value", enc, {cjson.null})
case("top null", enc, cjson.null)
case("no arg", enc)
case("two args", enc, 1, 2)
case("string", enc, "x")
case("bool", enc, true)
local deep = {}
local cur = deep
for i = 1, 1000 do cur[1] = {} cur = cur[1] end
case("nesting 1001", enc, deep)
-- decode
case("dec array", dec, "[1,2,null,\"x\"]")
case("dec object", dec, '{"a":[1,2],"b":1.5e3,"c":true,"d":false}')
case("dec unicode", dec, '"\\u00e9\\ud83d\\ude00"')
case("dec escaped slash", dec, '"\\/"')
case("dec nul", function(s) return #dec(s) end, '"\\u0000a"')
case("dec ws", dec, "  \n[true, false ,null]  ")
case("dec float", dec, "-1.5E-3")
case("dec int float", dec, "1.0")
case("dec huge int", dec, "12345678901234567890")
case("dec huge exp", dec, "1e400")
case("dec negzero", dec, "-0")
case("dec number arg", dec, 12)
case("dec NaN", function(s) local v = dec(s) return v ~= v end, "NaN")
case("dec Infinity", dec, "[Infinity,-Infinity]")
case("dec raw tab", dec, '"a\tb"')
case("dec duplicate key", dec, '{"a":1,"a":2}')
case("dec empty", dec, "")
case("dec unclosed", dec, "[1,2")
case("dec trailing comma", dec, "[1,]")
case("dec missing comma", dec, "[1 2]")
case("dec missing colon", dec, '{"a" 1}')
case("dec number key", dec, "{1:2}")
case("dec trailing close", dec, "[1,2]]")
case("dec trailing word", dec, "[1] x")
case("dec bad word", dec, "tru")
case("dec single quote", dec, "'a'")
case("dec bad escape", dec, '"\\x"')
case("dec lone surrogate", dec, '"\\ud800"')
case("dec leading zero", dec, "01")
case("dec minus", dec, "-")
case("dec no arg", dec)
local deepjson = string.rep("[", 1001) .. string.rep("]", 1001)
case("dec nesting 1001", dec, deepjson)
case("dec nesting 1000", function(s) return type(dec(s)) end, string.rep("[", 1000) .. string.rep("]", 1000))
-- settings
case("sparse defaults", cjson.encode_sparse_array)
case("sparse convert", function() cjson.encode_sparse_array(true) return enc({[1] = 1, [20] = 3}) end)
case("sparse ratio 0", function() cjson.encode_sparse_array(false, 0) return #enc({[1] = 1, [2000] = 3}) end)
case("sparse bad option", cjson.encode_sparse_array, 1)
case("sparse bad ratio", cjson.encode_sparse_array, false, -1)
case("precision", function() cjson.encode_number_precision(3) return enc({3.14159, 2/3}) end)
case("precision 15", cjson.encode_number_precision, 15)
case("precision 0", cjson.encode_number_precision, 0)
case("max depth", function() cjson.encode_max_depth(2) return enc({{}}) end)
case("over max depth", enc, {{{}}})
case("dec max depth", function() cjson.decode_max_depth(2) return show(dec("[{}]")) end)
case("over dec max depth", dec, "[[[]]]")
case("invalid numbers on", function() cjson.encode_invalid_numbers(true) return enc({1/0, -1/0}) end)
case("invalid numbers null", function() cjson.encode_invalid_numbers("null") return enc(1/0) end)
case("invalid numbers bad", cjson.encode_invalid_numbers, "x")
cjson.decode_invalid_numbers(false)
case("dec invalid numbers off", dec, "NaN")
case("dec invalid leading zero", dec, "01")
cjson.decode_invalid_numbers(true)
case("dec unclosed string", dec, '"abc')
case("dec open bracket", dec, "[")
case("dec open brace", dec, "{")
case("dec after colon", dec, '{"a":')
case("dec after object comma", dec, '{"a":1,')
case("dec object trailing comma", dec, '{"a":1,}')
case("dec wrong close", dec, "[1,2}")
case("dec missing object comma", dec, '{"a":1 "b":2}')
case("keep buffer", cjson.encode_keep_buffer)
local fresh = cjson.new()
case("new has defaults", function() return fresh.encode_max_depth(), fresh.encode_number_precision(), fresh.encode(1/3) end)
local safe = require "cjson.safe"
case("safe decode", safe.decode, "[1,")
case("safe encode", safe.encode, function() end)
case("safe ok", safe.encode, {1})
case("null is a userdata", function() return type(cjson.null), cjson.null == safe.null end)
