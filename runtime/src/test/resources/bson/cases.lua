-- bson cases: each prints "name -> result". cases.expected is what skynet's own Lua with its
-- luaclib/bson.so printed for this file. Tables with several keys are compared decoded (their
-- encoding follows the table's iteration order, which differs between Lua implementations).
local bson = require "bson"

local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end

local function dump(v)
    local t = type(v)
    if t == "string" then return '"' .. hex(v) .. '"' end
    if t == "number" then
        if v == math.floor(v) then return string.format("%d", v) end
        return string.format("%.14g", v)
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

local function case(name, t, unordered)
    local ok, doc = pcall(bson.encode, t)
    if not ok then out(name, "error " .. tostring(doc):gsub("^[^:]*:%d+: ", "")) return end
    if unordered then
        out(name, "len " .. #doc .. " decoded " .. dump(doc:decode()))
    else
        out(name, hex(tostring(doc)) .. " len " .. #doc .. " decoded " .. dump(doc:decode()))
    end
end

local function types(name, ...)
    local r = { pcall(bson.type, ...) }
    local parts = {}
    for i = 2, #r do parts[#parts + 1] = dump(r[i]) end
    out(name, tostring(r[1]) .. " " .. table.concat(parts, " "))
end

case("empty", {})
case("int32", { a = 1 })
case("negative int32", { a = -5 })
case("real", { a = 0.5 })
case("large real", { a = 2 ^ 40 + 0.5 })
case("true", { a = true })
case("false", { a = false })
case("string", { s = "hello" })
case("empty string", { s = "" })
case("utf8 string", { s = "h\195\169" })
case("bad utf8", { s = "\255" })
case("array", { a = { 1, 2, 3 } })
case("nested", { d = { x = "y" } })
case("empty table", { e = {} })
case("null", { n = bson.null })
case("minkey", { m = bson.minkey })
case("maxkey", { m = bson.maxkey })
case("binary", { b = bson.binary "\0\1hi" })
case("regex", { r = bson.regex("^a.*", "i") })
case("regex no options", { r = bson.regex "x" })
case("date", { d = bson.date(1700000000) })
case("timestamp", { t = bson.timestamp(1700000000, 7) })
case("objectid", { o = bson.objectid "0123456789abcdef01234567" })
case("int64", { i = bson.int64(-2) })
case("numeric key", { x = 2, [2] = 1 })
case("bad key", { [true] = 1 })
case("function value", { f = print })
case("nested doc", { d = bson.encode_order("k", "v") })
case("meta len", { a = setmetatable({}, { __len = function() return 2 end, __index = function(_, i) return i * 10 end }) })
case("many keys", { a = 1, b = "two", c = { 1, { x = true } }, d = bson.null }, true)

do
    local doc = bson.encode_order("hello", 1, "world", 2, "list", { "a", "b" }, "real", 1.5)
    out("encode_order", hex(tostring(doc)) .. " decoded " .. dump(doc:decode()))
    out("encode_order odd", tostring(pcall(bson.encode_order, "a")))
    out("encode_order number key", hex(tostring(bson.encode_order(1, 2))))
    out("encode_order bad key", (select(2, pcall(bson.encode_order, true, 2)):gsub("^[^:]*:%d+: ", "")))
end

do
    local doc = bson.encode_order("i", 1, "r", 0.5, "b", true, "d", bson.date(1), "t", bson.timestamp(1, 2), "o", bson.objectid "000000000000000000000000", "s", "x")
    doc:makeindex()
    doc.i = 7
    doc.r = 2.25
    doc.b = false
    doc.d = bson.date(1700000000)
    doc.t = bson.timestamp(5, 6)
    doc.o = bson.objectid "ffffffffffffffffffffffff"
    out("replace", hex(tostring(doc)) .. " decoded " .. dump(doc:decode()))
    out("replace string", tostring(pcall(function() doc.s = "y" end)))
    out("replace wrong type", (select(2, pcall(function() doc.d = bson.timestamp(1, 1) end)):gsub("^[^:]*:%d+: ", "")))
    out("replace fraction into int32", tostring(pcall(function() doc.i = 1.5 end)))
end

types("type number", 1)
types("type string", "s")
types("type table", {})
types("type nil", nil)
types("type null", bson.null)
types("type binary", bson.binary "ab")
types("type objectid", bson.objectid "0123456789abcdef01234567")
types("type date", bson.date(1234))
types("type timestamp", bson.timestamp(10, 20))
types("type regex", bson.regex("p", "o"))
types("type minkey", bson.minkey)
types("type maxkey", bson.maxkey)
types("type int64", bson.int64(5))
out("objectid new", tostring(#bson.objectid() == 14 and bson.type(bson.objectid()) == "objectid"))
out("objectid distinct", tostring(bson.objectid() ~= bson.objectid()))
out("decode non doc", select("#", bson.decode(nil)) .. " values")
