-- sprotoparser for skynetj: sproto schema text to the binary bundle sproto.core loads (the
-- format is described in skynet's lualib-src/sproto/README.md). Same API as skynet's:
-- parse(text [, filename]) returns the bundle. Written for skynetj on its lpeg module.
local lpeg = require "lpeg"
local P, S, R, C, Ct, Cc, Cg, Cp, V = lpeg.P, lpeg.S, lpeg.R, lpeg.C, lpeg.Ct, lpeg.Cc, lpeg.Cg, lpeg.Cp, lpeg.V

local parser = {}

-- syntax ------------------------------------------------------------------------------------

local comment = "#" * (1 - P"\n")^0
-- blanks; also notes the furthest point the parse reached (a syntax error is reported on its line)
local gap = (S" \t\r\n" + comment)^0 * lpeg.Cmt(lpeg.Carg(1), function(_, pos, state)
	if pos > state.furthest then state.furthest = pos end
	return true
end)
local function token(p) return gap * p end
local ident = R("az", "AZ", "__") * R("az", "AZ", "09", "__")^0
local name = token(C(ident))
local dotted = token(C(ident * ("." * ident)^0))
local number = token(R"09"^1 / tonumber)
local function sym(s) return token(P(s)) end

local rules = {
	typedef = Ct(Cg(Cc"type", "kind") * sym"." * Cg(name, "name") * V"body"),
	body = sym"{" * Cg(Ct((V"field" + V"typedef")^0), "items") * sym"}",
	field = Ct(Cg(Cc"field", "kind") * Cg(name, "name") * Cg(number, "tag") * sym":" *
		Cg(sym"*" * Cc(true), "array")^-1 * Cg(dotted, "typename") *
		(sym"(" * (Cg(number, "decimal") + Cg(token(C(ident^0)), "key")) * sym")")^-1),
	protocol = Ct(Cg(Cc"protocol", "kind") * Cg(name, "name") * Cg(number, "tag") * sym"{" *
		Cg(Ct(V"part"^0), "parts") * sym"}"),
	part = Ct(Cg(token(C(P"request" + "response")), "which") *
		(Cg(Ct(V"body"), "struct") + Cg(dotted, "typename"))),
	-- the whole text
	all = Ct((V"typedef" + V"protocol")^0) * gap * -1,
}

local function grammar(start)
	local g = { start }
	for k, v in pairs(rules) do g[k] = v end
	return P(g)
end

local schema = grammar "all"

local function line_of(text, pos)
	local line = 1
	for _ in text:sub(1, pos - 1):gmatch("\n") do line = line + 1 end
	return line
end

-- meaning -----------------------------------------------------------------------------------

local builtin = { integer = 0, boolean = 1, string = 2, binary = 2, double = 3 }

local function collect_type(types, fullname, items)
	if types[fullname] then error("redefined " .. fullname) end
	local fields, names, tags = {}, {}, {}
	types[fullname] = fields
	for _, item in ipairs(items) do
		if item.kind == "type" then
			collect_type(types, fullname .. "." .. item.name, item.items)
		else
			if names[item.name] then error(string.format("redefine %s in type %s", item.name, fullname)) end
			if tags[item.tag] then error(string.format("redefine tag %d in type %s", item.tag, fullname)) end
			names[item.name], tags[item.tag] = true, true
			if item.key and not item.array then error("main index of a non-array field " .. item.name .. " in " .. fullname) end
			fields[#fields + 1] = item
		end
	end
	table.sort(fields, function(a, b) return a.tag < b.tag end)
end

-- a field's type name as seen from scope: the innermost enclosing definition wins
local function resolve(types, scope, t)
	if builtin[t] then return t end
	while scope do
		if types[scope .. "." .. t] then return scope .. "." .. t end
		scope = scope:match "^(.+)%.[^.]+$"
	end
	if types[t] then return t end
end

local function analyse(items)
	local types, protocols, ptags = {}, {}, {}
	for _, item in ipairs(items) do
		if item.kind == "type" then
			collect_type(types, item.name, item.items)
		end
	end
	for _, item in ipairs(items) do
		if item.kind == "protocol" then
			if protocols[item.name] then error("redefined " .. item.name) end
			if ptags[item.tag] then error(string.format("redefined protocol tag %d at %s", item.tag, item.name)) end
			local p = { name = item.name, tag = item.tag }
			for _, part in ipairs(item.parts) do
				if p[part.which] ~= nil or (part.which == "response" and p.confirm) then
					error(string.format("redefine %s in protocol %s", part.which, item.name))
				end
				if part.struct then
					local tname = item.name .. "." .. part.which
					collect_type(types, tname, part.struct.items)
					p[part.which] = tname
				elseif part.typename == "nil" then
					if part.which == "response" then p.confirm = true end
				else
					p[part.which] = part.typename
				end
			end
			protocols[item.name], ptags[item.tag] = p, p
		end
	end
	for tname, fields in pairs(types) do
		for _, f in ipairs(fields) do
			local full = resolve(types, tname, f.typename)
			if not full then error(string.format("Undefined type %s in type %s", f.typename, tname)) end
			f.typename = full
		end
	end
	for pname, p in pairs(protocols) do
		for _, which in ipairs { "request", "response" } do
			if p[which] and not types[p[which]] then
				error(string.format("Undefined %s type %s in protocol %s", which, p[which], pname))
			end
		end
	end
	return types, protocols
end

-- bundle ------------------------------------------------------------------------------------

local function u16(v)
	return string.char(v % 256, math.floor(v / 256) % 256)
end

local function blob(s)
	local n = #s
	return string.char(n % 256, math.floor(n / 256) % 256, math.floor(n / 65536) % 256, math.floor(n / 16777216) % 256) .. s
end

local DATA, SKIP = u16(0), u16(1)
local function value(v) return u16((v + 1) * 2) end

-- a struct: its slots, then its data parts
local function struct(slots, data)
	return u16(#slots) .. table.concat(slots) .. table.concat(data)
end

local function encode_field(f, types, ids)
	local slots = { DATA }
	local code = builtin[f.typename]
	if code then
		slots[2] = value(code)
		if f.typename == "binary" then
			slots[3] = value(1)
		elseif f.decimal then
			if code ~= 0 then error("precision for a non-integer field " .. f.name) end
			slots[3] = value(f.decimal)
		else
			slots[3] = SKIP
		end
	else
		if f.decimal then error("precision for a non-integer field " .. f.name) end
		slots[2], slots[3] = SKIP, value(ids[f.typename])
	end
	slots[4] = value(f.tag)
	if f.array then
		slots[5] = value(1)
		if f.key then
			local entry = types[f.typename]
			if not entry then error("Invalid map index :" .. f.key) end
			local keyfield
			if f.key == "" then
				if #entry ~= 2 then
					error(string.format("Invalid map definition: %s, must only have two fields", f.name))
				end
				keyfield = entry[1]
			else
				for _, ef in ipairs(entry) do
					if ef.name == f.key then keyfield = ef end
				end
			end
			if not keyfield or not builtin[keyfield.typename] then error("Invalid map index :" .. f.key) end
			slots[6] = value(keyfield.tag)
			if f.key == "" then slots[7] = value(1) end
		end
	end
	return blob(struct(slots, { blob(f.name) }))
end

local function encode_type(tname, fields, types, ids)
	if #fields == 0 then
		return blob(struct({ DATA }, { blob(tname) }))
	end
	local encoded = {}
	for i, f in ipairs(fields) do encoded[i] = encode_field(f, types, ids) end
	return blob(struct({ DATA, DATA }, { blob(tname), blob(table.concat(encoded)) }))
end

local function encode_protocol(p, ids)
	local slots = { DATA, value(p.tag) }
	if p.request or p.response or p.confirm then
		slots[3] = p.request and value(ids[p.request]) or SKIP
		if p.response then
			slots[4] = value(ids[p.response])
		elseif p.confirm then
			slots[4], slots[5] = SKIP, value(1)
		end
	end
	return blob(struct(slots, { blob(p.name) }))
end

local function bundle(types, protocols)
	local names = {}
	for tname in pairs(types) do names[#names + 1] = tname end
	table.sort(names)
	if #names == 0 and next(protocols) == nil then return u16(0) end
	local ids = {}
	for i, tname in ipairs(names) do ids[tname] = i - 1 end
	local encoded = {}
	for i, tname in ipairs(names) do encoded[i] = encode_type(tname, types[tname], types, ids) end
	local typepart = blob(table.concat(encoded))
	local plist = {}
	for _, p in pairs(protocols) do plist[#plist + 1] = p end
	if #plist == 0 then
		return struct({ DATA }, { typepart })
	end
	table.sort(plist, function(a, b) return a.tag < b.tag end)
	local ps = {}
	for i, p in ipairs(plist) do ps[i] = encode_protocol(p, ids) end
	return struct({ DATA, DATA }, { typepart, blob(table.concat(ps)) })
end

function parser.parse(text, filename)
	local state = { furthest = 1 }
	local items = lpeg.match(schema, text, 1, state)
	if not items then
		error(string.format("syntax error at [%s] line (%d)", filename or "", line_of(text, state.furthest)))
	end
	return bundle(analyse(items))
end

return parser
