-- skynet's md5 module: md5.core (sum, exor, crypt, decrypt; written in Java) plus sumhexa and hmacmd5.
local core = require "md5.core"

local function hex(bytes)
	return (string.gsub(bytes, ".", function(c)
		return string.format("%02x", string.byte(c))
	end))
end

-- the MD5 of k as 32 lower-case hex digits
function core.sumhexa(k)
	return hex(core.sum(k))
end

-- every byte of key xored with pad, then pad itself up to 64 bytes
local function padded(key, pad)
	local out = {}
	for i = 1, #key do
		out[i] = string.char(string.byte(key, i) ~ pad)
	end
	return table.concat(out) .. string.rep(string.char(pad), 64 - #key)
end

-- HMAC-MD5 of data under key, as hex (RFC 2104; a key longer than 64 bytes is replaced by its MD5)
function core.hmacmd5(data, key)
	if #key > 64 then
		key = core.sum(key)
	end
	local inner = core.sum(padded(key, 0x36) .. data)
	return core.sumhexa(padded(key, 0x5c) .. inner)
end

return core
