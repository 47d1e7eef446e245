-- http.url: splits a request target into its path and query, and a query into its fields.
local internal = require "http.internal"

local url = {}

-- '+' is a space, %XX a byte; a '%' not followed by two hex digits stays as it is
local function unescape(s)
	s = string.gsub(s, "+", " ")
	return (string.gsub(s, "%%(%x%x)", function(hex)
		return string.char(tonumber(hex, 16))
	end))
end

-- parse("/path%20x?a=1") -> "/path x", "a=1" (the path unescaped, the query as it came)
function url.parse(u)
	local path, query = string.match(u, "^([^?]*)%??(.*)$")
	return unescape(path), query
end

-- parse_query("a=1&b=x+y&a=2") -> { a = { "1", "2" }, b = "x y" }; a field without '=' is ""
function url.parse_query(q)
	local fields = {}
	for piece in string.gmatch(q, "[^&]+") do
		local k, v = string.match(piece, "^([^=]*)=(.*)$")
		if not k then
			k, v = piece, ""
		end
		internal.add_value(fields, unescape(k), unescape(v))
	end
	return fields
end

return url
