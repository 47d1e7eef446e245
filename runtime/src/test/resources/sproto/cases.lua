-- sproto.core cases: each prints "name -> result". Run under the reference (skynet's Lua and its
-- luaclib/sproto.so) to produce cases.expected; schema.sproto is the schema, its binary form (made by
-- skynet's sprotoparser) is SCHEMA below.
local core = require "sproto.core"

local SCHEMA = "020000000000940300004f0000000200000000000b00000041646472657373426f6f6b3600000018000000060000000100080002000400040006000000706572736f6e16000000050000000100080004000400060000006f74686572737a01000002000000000003000000416c6c690100000f0000000400000002000100020001000000690f0000000400000004000100040001000000620f00000004000000060001000600010000007311000000040000000600040008000300000062696e0f00000004000000080001000a0001000000641100000004000000020006000c00030000006465631200000005000000020001000e0004000200000069611200000005000000040001001000040002000000626112000000050000000600010012000400020000007361120000000500000008000100140004000200000064611400000005000000020008001600040004000000646563611100000004000000010008001800030000007375621500000007000000010006001a00040002000400010000006d1100000004000000020001002a00030000006269671100000004000000020001002c00030000006e65671100000004000000020001002e0003000000693634120000000400000001000200300004000000626f6f6b380000000200000000000400000050616972260000000f00000004000000060001000200010000006b0f0000000400000002000100040001000000766e00000002000000000006000000506572736f6e5a0000001200000004000000060001000200040000006e616d651000000004000000020001000400020000006964130000000400000006000100060005000000656d61696c150000000500000001000a00080004000500000070686f6e654e00000002000000000012000000506572736f6e2e50686f6e654e756d6265722e0000001400000004000000060001000200060000006e756d626572120000000400000002000100040004000000747970652e0000000200000000000c000000666f6f2e726573706f6e7365140000001000000004000000040001000200020000006f6b310000000200000000000f000000666f6f6261722e726573706f6e7365140000001000000004000000040001000200020000006f6b58000000020000000000070000007061636b616765430000001200000004000000020001000200040000007479706515000000040000000200010004000700000073657373696f6e10000000040000000600010006000200000075645b0000001400000004000000040008000e0006000000666f6f6261721100000004000000060001000c0003000000666f6f130000000500000008000100010004000300000062617213000000020000000a0009000000626c61636b686f6c65"

local function unhex(h) return (h:gsub("..", function(x) return string.char(tonumber(x, 16)) end)) end
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end

local function num(v)
    if v == math.floor(v) and v > -2^63 and v < 2^63 then return string.format("%d", v) end
    return string.format("%.17g", v)
end

-- a table written with sorted keys, so that both implementations print the same text
local function dump(v)
    local t = type(v)
    if t == "number" then return num(v) end
    if t == "string" then
        local parts = {}
        for i = 1, #v do
            local c = v:byte(i)
            local plain = c == 32 or (c >= 48 and c <= 57) or (c >= 65 and c <= 90) or (c >= 97 and c <= 122)
            parts[i] = plain and string.char(c) or string.format("\\%03d", c)
        end
        return '"' .. table.concat(parts) .. '"'
    end
    if t ~= "table" then return tostring(v) end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b)
        if type(a) == type(b) then return a < b end
        return type(a) == "number"
    end)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = "[" .. dump(k) .. "]=" .. dump(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
end

local function out(name, s) print(name .. " -> " .. s) end

local sp = assert(core.newproto(unhex(SCHEMA)))
local types = {}
local function T(name) types[name] = types[name] or assert(core.querytype(sp, name), name); return types[name] end

local function case(name, typename, value)
    local ok, bin = pcall(core.encode, T(typename), value)
    if not ok then out(name, "error") return end
    local packed = core.pack(bin)
    local back, used = core.decode(T(typename), bin)
    out(name, hex(bin) .. " packed " .. hex(packed) .. " decoded " .. dump(back) .. " used " .. num(used))
    out(name .. " unpack", tostring(core.unpack(packed):sub(1, #bin) == bin))
end

case("empty", "All", {})
case("small int", "All", { i = 1 })
case("zero", "All", { i = 0 })
case("int 0x7ffe", "All", { i = 0x7ffe })
case("int 0x7fff", "All", { i = 0x7fff })
case("int 2^31-1", "All", { i = 2147483647 })
case("int 2^31", "All", { i = 2147483648 })
case("int -1", "All", { i = -1 })
case("int -2^31", "All", { i = -2147483648 })
case("int -2^31-1", "All", { i = -2147483649 })
case("int 2^53", "All", { i = 9007199254740992 })
case("int -2^53", "All", { i = -9007199254740992 })
case("booleans", "All", { b = true })
case("false", "All", { b = false })
case("string", "All", { s = "hello" })
case("empty string", "All", { s = "" })
case("binary", "All", { bin = "\0\1\2\255\254" })
case("double", "All", { d = 0.1 })
case("double neg", "All", { d = -1234.5678 })
case("double int", "All", { d = 3 })
case("decimal", "All", { dec = 1.25 })
case("decimal neg", "All", { dec = -3.14159 })
case("decimal round", "All", { dec = 0.125 })
case("int array", "All", { ia = { 1, 2, 3, -1 } })
case("int array 64", "All", { ia = { 1, 2 ^ 40, -3, -(2 ^ 40) } })
case("int array empty", "All", { ia = {} })
case("bool array", "All", { ba = { true, false, true } })
case("string array", "All", { sa = { "a", "", "bc" } })
case("double array", "All", { da = { 1.5, -2.25, 0 } })
case("decimal array", "All", { deca = { 1.001, -2.5, 3 } })
case("nested", "All", { sub = { name = "Alice", id = 10000, phone = { { number = "123456789", type = 1 }, { number = "87654321", type = 2 } } } })
case("map one", "All", { m = { key = 42 } })
case("mainindex one", "All", { book = { person = { [7] = { name = "Bob", id = 7 } } } })
case("skip tags", "All", { i = 5, big = 6, neg = -7, i64 = 2 ^ 45 })
case("all", "All", { i = 100000, b = true, s = "text", bin = "\0x", d = 2.5, dec = 99.99, ia = { 7, 8 }, ba = { false },
    sa = { "z" }, da = { 0.5 }, deca = { 0.5 }, sub = { name = "C", id = 3, email = "c@x" }, big = 1, neg = -100000, i64 = -(2 ^ 50) })
case("person", "Person", { name = "Alice", id = 10000, phone = { { number = "123456789", type = 1 } } })
case("package", "package", { type = 1, session = 1 })
case("package ud", "package", { session = 3, ud = "ud" })
case("not an integer", "All", { i = "x" })
case("not a string", "All", { s = 1 })
case("not a boolean", "All", { b = 1 })
case("fraction for integer", "All", { i = 1.5 })

-- maps and main-index arrays with several entries: order is the table's, so compare the decoded form
do
    local bin = core.encode(T("All"), { m = { a = 1, b = 2, c = 3 }, book = { person = { [1] = { name = "x", id = 1 }, [2] = { name = "y", id = 2 } } } })
    out("map many", dump(core.decode(T("All"), bin)))
end

-- decode into a given table; what decode reports used when bytes follow the message
do
    local into = { keep = true }
    local bin = core.encode(T("package"), { type = 2 })
    local r, used = core.decode(T("package"), bin .. "tail", into)
    out("decode into", tostring(r == into) .. " " .. dump(r) .. " " .. num(used))
end

-- a message with a tag unknown to the decoding type is skipped
do
    local bin = core.encode(T("All"), { i = 1, s = "x", big = 2 })
    out("unknown tags", dump(core.decode(T("package"), bin)))
end

-- protocol queries
for _, q in ipairs({ "foobar", "foo", "bar", "blackhole", 1, 2, 3, 4, "nope", 9 }) do
    local tag, req, resp = core.protocol(sp, q)
    out("protocol " .. tostring(q), tostring(tag) .. " " .. type(req) .. " " .. type(resp))
end
do
    local _, _, resp = core.protocol(sp, "bar")
    out("response nil encodes", dump(core.encode(resp, nil)))
    out("response nil decodes", select("#", core.decode(resp, "")) .. " values")
end

-- defaults
out("default All", dump(core.default(T("All"))))
out("default Person", dump(core.default(T("Person"))))

-- pack / unpack
local packs = {
    "", "\0", "\1", "\0\0\0\0\0\0\0\0", "\8\0\0\0\3\0\2\0\25\0\0\0\170\1\0\0",
    string.rep("\138", 30), string.rep("\1", 8) .. string.rep("\0", 8) .. string.rep("\2", 8),
    string.rep("\1\2\3\4\5\6\0", 10), string.rep("\255", 2100), string.rep("a", 7) .. "\0" .. string.rep("b", 7),
}
for i, s in ipairs(packs) do
    local p = core.pack(s)
    local u = core.unpack(p)
    out("pack " .. i, hex(p) .. " unpacked " .. tostring(u:sub(1, #s) == s) .. " " .. num(#u))
end
out("unpack bad", tostring((pcall(core.unpack, "\255"))))
out("decode bad", tostring((pcall(core.decode, T("All"), "\5"))))
out("newproto bad", select("#", core.newproto("garbage")) .. " values")
