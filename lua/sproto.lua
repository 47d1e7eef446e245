-- sproto for skynetj: schema objects, typed encode/decode and the RPC host over sproto.core.
-- Same API as skynet's lualib/sproto.lua (sproto.new/sharenew/parse, :encode/:decode/:pencode/
-- :pdecode, :request_encode..., :default, :host, host:dispatch, host:attach), written for skynetj.
local core = require "sproto.core"

local sproto = {}
local methods = {}
local host_methods = {}

local owned_mt = {
	__index = methods,
	__gc = function(self) core.deleteproto(self.__cobj) end,
}
local shared_mt = { __index = methods }
local host_mt = { __index = host_methods }
local weak = { __mode = "kv" }

local function wrap(cobj, mt)
	return setmetatable({
		__cobj = cobj,
		__tcache = setmetatable({}, weak),
		__pcache = setmetatable({}, weak),
	}, mt)
end

function sproto.new(bin)
	return wrap(assert(core.newproto(bin)), owned_mt)
end

-- a schema saved by another service (sprotoloader): not ours to delete
function sproto.sharenew(cobj)
	return wrap(cobj, shared_mt)
end

function sproto.parse(text)
	return sproto.new(require("sprotoparser").parse(text))
end

sproto.pack = core.pack
sproto.unpack = core.unpack

local function typeof(self, name)
	local t = self.__tcache[name]
	if t == nil then
		t = assert(core.querytype(self.__cobj, name), "type not found")
		self.__tcache[name] = t
	end
	return t
end

-- a protocol by name or tag: { name, tag, request, response }
local function protocolof(self, key)
	local p = self.__pcache[key]
	if p == nil then
		local a, request, response = core.protocol(self.__cobj, key)
		assert(a, key .. " not found")
		local name, tag = a, key
		if type(key) ~= "number" and not tonumber(key) then
			name, tag = key, a
		end
		p = { name = name, tag = tag, request = request, response = response }
		self.__pcache[name] = p
		self.__pcache[tag] = p
	end
	return p
end
sproto.queryproto = protocolof

function methods:exist_type(name)
	return self.__tcache[name] ~= nil or core.querytype(self.__cobj, name) ~= nil
end

function methods:exist_proto(name)
	return self.__pcache[name] ~= nil or core.protocol(self.__cobj, name) ~= nil
end

function methods:encode(name, t)
	return core.encode(typeof(self, name), t)
end

function methods:decode(name, ...)
	return core.decode(typeof(self, name), ...)
end

function methods:pencode(name, t)
	return core.pack(core.encode(typeof(self, name), t))
end

function methods:pdecode(name, ...)
	return core.decode(typeof(self, name), core.unpack(...))
end

function methods:request_encode(name, t)
	local p = protocolof(self, name)
	if p.request then
		return core.encode(p.request, t), p.tag
	end
	return "", p.tag
end

function methods:response_encode(name, t)
	local p = protocolof(self, name)
	if p.response then
		return core.encode(p.response, t)
	end
	return ""
end

function methods:request_decode(name, ...)
	local p = protocolof(self, name)
	if p.request then
		return core.decode(p.request, ...), p.name
	end
	return nil, p.name
end

function methods:response_decode(name, ...)
	local p = protocolof(self, name)
	if p.response then
		return core.decode(p.response, ...)
	end
end

function methods:default(name, which)
	if which == nil then
		return core.default(typeof(self, name))
	end
	local p = protocolof(self, name)
	local st
	if which == "REQUEST" then
		st = p.request
	elseif which == "RESPONSE" then
		st = p.response
	else
		error "Invalid type"
	end
	if st then
		return core.default(st)
	end
end

-- RPC: every packet is a header of the host's package type, then the request or response body

function methods:host(package)
	return setmetatable({
		__proto = self,
		__package = assert(core.querytype(self.__cobj, package or "package"), "type package not found"),
		__session = {},
	}, host_mt)
end

local function packet(host, header, st, body)
	local h = core.encode(host.__package, header)
	if st then
		return core.pack(h .. core.encode(st, body))
	end
	return core.pack(h)
end

function host_methods:dispatch(...)
	local bin = core.unpack(...)
	local header, used = core.decode(self.__package, bin)
	local body = bin:sub(used + 1)
	if header.type then
		local p = protocolof(self.__proto, header.type)
		local args = p.request and core.decode(p.request, body) or nil
		local respond
		if header.session then
			local session, response = header.session, p.response
			respond = function(result, ud)
				return packet(self, { session = session, ud = ud }, response, result)
			end
		end
		return "REQUEST", p.name, args, respond, header.ud
	end
	local session = assert(header.session, "session not found")
	local expect = assert(self.__session[session], "Unknown session")
	self.__session[session] = nil
	if expect == true then
		return "RESPONSE", session, nil, header.ud
	end
	return "RESPONSE", session, core.decode(expect, body), header.ud
end

function host_methods:attach(sp)
	return function(name, args, session, ud)
		local p = protocolof(sp, name)
		if session then
			self.__session[session] = p.response or true
		end
		return packet(self, { type = p.tag, session = session, ud = ud }, p.request, args)
	end
end

return sproto
