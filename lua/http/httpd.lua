-- http.httpd: reads an HTTP/1.x request and writes a response, through read/write functions
-- (see http.sockethelper), so the same code serves plain sockets and anything else.
local internal = require "http.internal"

local httpd = {}

local REASONS = {
	[100] = "Continue", [101] = "Switching Protocols",
	[200] = "OK", [201] = "Created", [202] = "Accepted", [203] = "Non-Authoritative Information",
	[204] = "No Content", [205] = "Reset Content", [206] = "Partial Content",
	[300] = "Multiple Choices", [301] = "Moved Permanently", [302] = "Found", [303] = "See Other",
	[304] = "Not Modified", [305] = "Use Proxy", [307] = "Temporary Redirect", [308] = "Permanent Redirect",
	[400] = "Bad Request", [401] = "Unauthorized", [402] = "Payment Required", [403] = "Forbidden",
	[404] = "Not Found", [405] = "Method Not Allowed", [406] = "Not Acceptable",
	[407] = "Proxy Authentication Required", [408] = "Request Time-out", [409] = "Conflict", [410] = "Gone",
	[411] = "Length Required", [412] = "Precondition Failed", [413] = "Request Entity Too Large",
	[414] = "Request-URI Too Large", [415] = "Unsupported Media Type", [416] = "Requested range not satisfiable",
	[417] = "Expectation Failed", [426] = "Upgrade Required", [429] = "Too Many Requests",
	[500] = "Internal Server Error", [501] = "Not Implemented", [502] = "Bad Gateway",
	[503] = "Service Unavailable", [504] = "Gateway Time-out", [505] = "HTTP Version not supported",
}

-- 200, url, method, header, body; or an error status (400, 413, 501, 505) for a request that
-- cannot be served
local function read(readbytes, bodylimit)
	local lines = {}
	local rest = internal.recvheader(readbytes, lines, "")
	if not rest then
		return 413
	end
	local method, url, version = string.match(lines[1] or "", "^(%a+)%s+(.-)%s+HTTP/([%d%.]+)$")
	if not method then
		return 400
	end
	version = tonumber(version)
	if not version or version < 1.0 or version > 1.1 then
		return 505
	end
	local header = internal.parseheader(lines, 2, {})
	if not header then
		return 400
	end
	local mode = header["transfer-encoding"]
	if mode and mode ~= "identity" and mode ~= "chunked" then
		return 501
	end
	local body
	if mode == "chunked" then
		body, header = internal.recvchunkedbody(readbytes, bodylimit, header, rest)
		if not body then
			return 413
		end
	else
		local length = header["content-length"]
		if length then
			length = tonumber(length)
			if not length or length < 0 then
				return 400
			end
			if bodylimit and length > bodylimit then
				return 413
			end
			if #rest >= length then
				body = string.sub(rest, 1, length)
			else
				body = rest .. readbytes(length - #rest)
			end
		else
			body = rest
		end
	end
	return 200, url, method, header, body
end

-- read_request(readbytes [, bodylimit]) -> code, url, method, header, body. code is 200, or the
-- status to answer with; nil and the error when reading failed (sockethelper.socket_error when
-- the connection broke).
function httpd.read_request(readbytes, bodylimit)
	local ok, code, url, method, header, body = pcall(read, readbytes, bodylimit)
	if ok then
		return code, url, method, header, body
	end
	return nil, code
end

local function write(writefunc, code, body, header)
	local out = { string.format("HTTP/1.1 %03d %s\r\n", code, REASONS[code] or "") }
	for k, v in pairs(header or {}) do
		if type(v) == "table" then
			for _, each in ipairs(v) do
				out[#out + 1] = string.format("%s: %s\r\n", k, each)
			end
		else
			out[#out + 1] = string.format("%s: %s\r\n", k, v)
		end
	end
	local kind = type(body)
	if kind == "string" then
		out[#out + 1] = string.format("content-length: %d\r\n\r\n", #body)
		writefunc(table.concat(out))
		writefunc(body)
	elseif kind == "function" then
		-- chunked: body() gives each piece, nil at the end
		out[#out + 1] = "transfer-encoding: chunked\r\n\r\n"
		writefunc(table.concat(out))
		while true do
			local piece = body()
			if piece == nil then
				break
			end
			if piece ~= "" then
				writefunc(string.format("%x\r\n", #piece))
				writefunc(piece)
				writefunc("\r\n")
			end
		end
		writefunc("0\r\n\r\n")
	else
		assert(kind == "nil", "the body must be a string, a function or nil")
		out[#out + 1] = "\r\n"
		writefunc(table.concat(out))
	end
end

-- write_response(writefunc, code, body, header) -> true, or false and the error. body: a string,
-- a function returning the pieces of a chunked body (nil ends it), or nil.
function httpd.write_response(writefunc, code, body, header)
	return pcall(write, writefunc, code, body, header)
end

return httpd
