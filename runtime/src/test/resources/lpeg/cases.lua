-- LPeg cases: each prints "name -> results". cases.expected is what Debian's lua-lpeg (LPeg 1.0.2)
-- printed for this file under lua5.2 (lua5.2 cases.lua > cases.expected).
local lpeg = require "lpeg"
local unpack = table.unpack or unpack
local P, S, R, V, B = lpeg.P, lpeg.S, lpeg.R, lpeg.V, lpeg.B
local C, Cc, Cp, Cs, Ct, Cg, Cb, Cf, Carg, Cmt = lpeg.C, lpeg.Cc, lpeg.Cp, lpeg.Cs, lpeg.Ct, lpeg.Cg, lpeg.Cb, lpeg.Cf, lpeg.Carg, lpeg.Cmt

local function dump(v)
    local t = type(v)
    if t == "string" then
        local parts = {}
        for i = 1, #v do
            local c = v:byte(i)
            local plain = c == 32 or (c >= 48 and c <= 57) or (c >= 65 and c <= 90) or (c >= 97 and c <= 122)
            parts[i] = plain and string.char(c) or string.format("\\%03d", c)
        end
        return '"' .. table.concat(parts) .. '"'
    end
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

local function pack(...) return { n = select("#", ...), ... } end

local function show(r)
    local parts = {}
    for i = 1, r.n do parts[i] = dump(r[i]) end
    return table.concat(parts, " ")
end

local function case(name, f)
    local r = pack(pcall(f))
    if r[1] then
        print(name .. " -> " .. show({ n = r.n - 1, select(2, unpack(r, 1, r.n)) }))
    else
        print(name .. " -> error " .. tostring(r[2]):gsub("^[^:]*:%d+: ", ""))
    end
end

local function m(name, p, s, ...)
    local extra = pack(...)
    case(name, function() return lpeg.match(p, s, unpack(extra, 1, extra.n)) end)
end

-- basic patterns
m("P string", P"abc", "abcd")
m("P string fail", P"abc", "abd")
m("P empty", P"", "x")
m("P n", P(3), "abcd")
m("P n too long", P(5), "abcd")
m("P 0", P(0), "")
m("P -n", P(-3), "ab")
m("P -n fail", P(-2), "ab")
m("P true", P(true), "x")
m("P false", P(false), "x")
m("S", S"abc"^1, "cabx")
m("S empty", S"", "a")
m("R", R("az", "09")^1, "a9z0Z")
m("R single", R"aa", "a")
m("seq", P"a" * "b" * "c", "abc")
m("choice", P"a" + "b", "b")
m("choice order", C(P"a" + "ab"), "ab")
m("star", P"a"^0, "aaab")
m("star none", P"a"^0, "b")
m("plus", P"a"^1, "b")
m("at least 3", P"a"^3, "aa")
m("at least 3 ok", P"a"^3, "aaaa")
m("at most 2", C(P"a"^-2), "aaaa")
m("not", -P"a" * 1, "b")
m("not fail", -P"a" * 1, "a")
m("and", #P"a" * C(1), "ab")
m("and fail", #P"b" * 1, "ab")
m("minus", C((1 - P",")^0), "abc,def")
m("set minus", C((R"az" - S"aeiou")^1), "bcdea")
m("behind", P"a" * B"a" * C(1), "ab")
m("behind fail", P"b" * B"a", "b")
m("behind set", C(1) * B(R"09") , "5")
m("init", P"b", "abc", 2)
m("init negative", C(1), "abc", -1)
m("init beyond", P(true) * Cp(), "abc", 10)
m("init negative beyond", Cp(), "abc", -10)
m("match position", P"ab", "abc")
m("anchored", P"b", "ab")
m("string operand left", "a" * P"b", "ab")
m("number operand", 1 * P"b", "ab")
m("method match", 0, "x")
case("p:match", function() return (P"x" * Cp()):match("xy") end)

-- captures
m("C", C(P"a"^1), "aab")
m("C nested", C(C"a" * C"b"), "ab")
m("Cc", Cc(1, "two", true), "")
m("Cc none", Cc(), "x")
m("Cc nil", Cc(nil), "x")
m("Cp", Cp() * "a" * Cp(), "a")
m("Cs", Cs((P"a" / "b" + 1)^0), "banana")
m("Cs nested", Cs((C"x" / "%1%1" + 1)^0), "axbx")
m("Cs no value keeps", Cs((P"a" / {} + 1)^0), "abc")
m("Cs function", Cs((R"az" / string.upper + 1)^0), "ab1c")
m("Ct", Ct(C(1)^0), "abc")
m("Ct named", Ct(Cg(C(1), "first") * Cg(C(1), "second") * C(1)), "abc")
m("Ct nested", Ct(Ct(C"a") * Ct(C"b")), "ab")
m("Cg anonymous", Cg(C"a" * C"b"), "ab")
m("Cg named outside table", Cg(C"a", "n") * C"b", "ab")
m("Cg no values", Cg(P"a"), "a")
m("Cb", Cg(C"a", "x") * Cb"x", "a")
m("Cb latest", Cg(C"a", "x") * Cg(C"b", "x") * Cb"x", "ab")
m("Cb missing", Cb"zz", "a")
m("Cb long string", Cg(C(R"az"^1), "tag") * ":" * Cmt(C(R"az"^1) * Cb"tag", function(s, i, a, b) return a == b end), "ab:ab")
m("Cf", Cf(C(1) * C(1)^0, function(a, b) return a .. "," .. b end), "abc")
m("Cf sum", Cf(Cc(0) * (C(R"09") / tonumber)^0, function(a, b) return a + b end), "1234")
m("Cf empty", Cf(P"a", print), "a")
m("Carg", Carg(1) * Carg(2), "", 1, "x", "y")
m("Carg absent", Carg(3), "", 1, "x")
m("Cmt true", Cmt(P"a", function(s, i) return true end) * Cp(), "ab")
m("Cmt number", Cmt(P(true), function(s, i) return i + 2 end) * Cp(), "abcd")
m("Cmt false", Cmt(P"a", function() return false end), "a")
m("Cmt nil", Cmt(P"a", function() end), "a")
m("Cmt values", Cmt(C"a" * C"b", function(s, i, x, y) return true, y, x, i end), "ab")
m("Cmt bad position", Cmt(P"a", function(s, i) return 0 end), "ab")
m("Cmt subject", Cmt(P"a", function(s, i) return true, s, i end), "abc")
m("P function", P(function(s, i) return i end) * C(1), "x")
m("/ string", C"a" / "[%1]", "a")
m("/ string 0", (C"a" * C"b") / "%0-%2-%1-%%", "ab")
m("/ string no capture", P"ab" / "%1!", "ab")
m("/ string bad index", C"a" / "%2", "a")
m("/ table", C(1) / { a = 1, b = 2 }, "b")
m("/ table miss", C(1) / { a = 1 }, "z")
m("/ table whole", P"a" / { a = "A" }, "a")
m("/ function", C(1) * C(1) / function(a, b) return b, a end, "xy")
m("/ function whole", P"ab" / function(x) return x .. "!" end, "ab")
m("/ function none", P"ab" / function() end, "ab")
m("/ number", (C(1) * C(1) * C(1)) / 2, "xyz")
m("/ number 0", (C(1) * C(1)) / 0, "xy")
m("/ number too big", C(1) / 3, "xy")
m("no captures position", (P"a" * P"b")^0, "ababx")
m("Cs replacement bad", Cs(P"a" / function() return {} end), "a")

-- grammars
local balanced = P{ "(" * ((1 - S"()") + V(1))^0 * ")" }
m("grammar balanced", balanced, "(a(b)c)d")
m("grammar balanced fail", balanced, "(a(b c)")
local list = P{
    "list",
    list = Ct(V"item" * ("," * V"item")^0),
    item = C(R"az"^1) + V"num",
    num = R"09"^1 / tonumber,
}
m("grammar named", list, "ab,12,c")
m("grammar numbers", P{ [1] = V(2) * V(3), [2] = C"a", [3] = C"b" }, "ab")
local expr = P{
    "Exp",
    Exp = Cf(V"Term" * Cg(C(S"+-") * V"Term")^0, function(a, op, b) if op == "+" then return a + b else return a - b end end),
    Term = Cf(V"Factor" * Cg(C(S"*/") * V"Factor")^0, function(a, op, b) if op == "*" then return a * b else return a / b end end),
    Factor = C(R"09"^1) / tonumber + "(" * V"Exp" * ")",
}
m("grammar arithmetic", expr, "2+3*(4-1)-10/4")
m("grammar left recursive", function() return P{ "a", a = V"a" * "x" } end, "")
case("left recursion", function() return P{ "a", a = V"a" * "x" } end)
case("left recursion through rules", function() return P{ "a", a = V"b" + "x", b = P"" * V"a" } end)
case("undefined rule", function() return P{ "a", a = V"b" } end)
case("no initial rule", function() return P{ a = P"x" } end)
case("rule outside grammar", function() return lpeg.match(V"x", "x") end)
case("empty loop", function() return P""^0 end)
case("empty loop in grammar", function() return P{ "a", a = V"b"^0, b = P"" } end)
case("B variable length", function() return B(P"a"^1) end)
case("R bad range", function() return R"abc" end)
m("grammar recursion deep", balanced, string.rep("(", 100) .. string.rep(")", 100))

-- locale
local l = lpeg.locale()
m("locale alpha", C(l.alpha^1), "abZ1")
m("locale digit", C(l.digit^1), "123a")
m("locale space", C(l.space^1), " \t\n\rx")
m("locale punct", C(l.punct^1), "!-.a")
m("locale xdigit", C(l.xdigit^1), "0aFg")
m("locale upper lower", C(l.upper^1) * C(l.lower^1), "ABcd")
m("locale alnum cntrl graph print", C(l.alnum^1) * C(l.cntrl) * C(l.graph) * C(l.print), "a1\1!x")
do
    local t = {}
    case("locale into table", function() return lpeg.locale(t) == t, lpeg.type(t.alpha) end)
end
case("type", function() return lpeg.type(P"a"), lpeg.type("a"), lpeg.type({}) end)
case("setmaxstack", function() return lpeg.setmaxstack(1000) end)

-- common grammars
local name = C(R("az", "AZ", "__") * R("az", "AZ", "09", "__")^0)
local space = S" \t\n"^0
local pair = Cg(name * space * "=" * space * C((1 - S",;")^0))
m("key values", Cf(Ct"" * (pair * S",;"^-1 * space)^0, rawset), "a = 1, bb=two;c=")
local csv_field = '"' * Cs(((P(1) - '"') + P'""' / '"')^0) * '"' + C((1 - S',\n"')^0)
local csv = Ct(csv_field * (',' * csv_field)^0) * (P"\n" + -1)
m("csv", csv, 'a,"b,""c""",d\n')
local split = function(s, sep)
    sep = P(sep)
    local elem = C((1 - sep)^0)
    return lpeg.match(Ct(elem * (sep * elem)^0), s)
end
case("split", function() return split("a::b::::c", "::") end)
local gsub = function(s, patt, repl)
    patt = P(patt)
    return lpeg.match(Cs((patt / repl + 1)^0), s)
end
case("gsub", function() return gsub("hello world", "o", "0") end)
local anywhere = function(p) return P{ Cp() * p * Cp() + 1 * V(1) } end
m("anywhere", anywhere("world"), "hello world")
local utf8char = R"\0\127" + R"\194\223" * R"\128\191" + R"\224\239" * R"\128\191" * R"\128\191"
m("utf8 count", Cf(Cc(0) * (utf8char / function() return 1 end)^0, function(a, b) return a + b end), "h\195\169llo")
local number = C(S"+-"^-1 * R"09"^1 * (P"." * R"09"^1)^-1 * (S"eE" * S"+-"^-1 * R"09"^1)^-1) / tonumber
m("number", Ct((number * space)^0), "1 -2.5 3e2 +4")
local quoted = P'"' * Cs(((P"\\" * C(1)) / "%1" + (1 - P'"'))^0) * '"'
m("quoted", quoted, '"a\\"b\\\\c"')
m("Cmt back reference", Cg(C(P"=" ^ 0), "eq") * "[" * Cmt(C((1 - P"]")^0) * "]" * C(P"="^0) * Cb"eq", function(s, i, body, a, b) return a == b, body end), "==[x]==")
