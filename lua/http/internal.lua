-- http.internal: the HTTP/1.1 message reading and writing httpd, httpc and websocket share.
-- readbytes(n) returns n bytes, readbytes() whatever has arrived (see http.sockethelper).
local internal = {}

local HEADER_LIMIT = 8192
local CHUNK_LINE_LIMIT = 128

-- A reader (read(n) / read()) that hands out the bytes of already before reading more with read.
function internal.prefixed_reader(read, already)
	if not already or already == "" then
		return read
	end
	return function(n)
		if not already then
			return read(n)
		end
		local have = already
		if n == nil or n == #have then
			already = nil
			return have
		elseif n < #have then
			already = string.sub(have, n + 1)
			return string.sub(have, 1, n)
		end
		already = nil
		return have .. read(n - #have)
	end
end

-- Reads up to the blank line ending a header block, starting with the bytes already read. Puts the
-- header lines into lines and returns the bytes after the blank line; nil when the block is larger
-- than 8K. An empty block (the blank line alone) adds no lines.
function internal.recvheader(readbytes, lines, already)
	local data = already
	local stop
	while true do
		if string.sub(data, 1, 2) == "\r\n" then
			return string.sub(data, 3)
		end
		stop = string.find(data, "\r\n\r\n", 1, true)
		if stop then
			break
		end
		if #data > HEADER_LIMIT then
			return nil
		end
		data = data .. readbytes()
	end
	local from = 1
	while from <= stop do
		local eol = string.find(data, "\r\n", from, true)
		lines[#lines + 1] = string.sub(data, from, eol - 1)
		from = eol + 2
	end
	return string.sub(data, stop + 4)
end

-- Sets t[name] = value, or collects the values in a table when name is already there.
function internal.add_value(t, name, value)
	local old = t[name]
	if old == nil then
		t[name] = value
	elseif type(old) == "table" then
		old[#old + 1] = value
	else
		t[name] = { old, value }
	end
end

-- Adds the "Name: value" lines from lines[from] on to header (names in lower case; a repeated
-- name collects its values in a table; a line starting with a tab or space continues the previous
-- value). Returns header, or nil for a malformed line.
function internal.parseheader(lines, from, header)
	local last
	for i = from, #lines do
		local line = lines[i]
		local first = string.byte(line, 1)
		if first == 9 or first == 32 then
			if not last then
				return nil
			end
			local v = header[last]
			local more = string.sub(line, 2)
			if type(v) == "table" then
				v[#v] = v[#v] .. more
			else
				header[last] = v .. more
			end
		else
			local name, value = string.match(line, "^([^:]+):%s*(.-)%s*$")
			if not name then
				return nil
			end
			name = string.lower(name)
			internal.add_value(header, name, value)
			last = name
		end
	end
	return header
end

-- The size of the next chunk (its line may carry ";extensions") and the bytes after its line.
local function chunk_size(readbytes, data)
	while true do
		local eol = string.find(data, "\r\n", 1, true)
		if eol then
			local hex = string.match(string.sub(data, 1, eol - 1), "^%s*(%x+)")
			return hex and tonumber(hex, 16), string.sub(data, eol + 2)
		end
		if #data > CHUNK_LINE_LIMIT then
			return nil
		end
		data = data .. readbytes()
	end
end

-- The bytes after a chunk's closing CRLF, nil when the CRLF is not there.
local function skip_crlf(readbytes, data)
	if #data < 2 then
		data = data .. readbytes(2 - #data)
	end
	if string.sub(data, 1, 2) ~= "\r\n" then
		return nil
	end
	return string.sub(data, 3)
end

-- Reads the chunk after data's start; returns the chunk ("" for the last one) and what follows it.
local function next_chunk(readbytes, data)
	local size
	size, data = chunk_size(readbytes, data)
	if not size then
		return nil
	end
	if size == 0 then
		return "", data
	end
	local chunk
	if #data >= size then
		chunk, data = string.sub(data, 1, size), string.sub(data, size + 1)
	else
		chunk, data = data .. readbytes(size - #data), ""
	end
	data = skip_crlf(readbytes, data)
	if not data then
		return nil
	end
	return chunk, data
end
internal.next_chunk = next_chunk

-- Reads a chunked body whose first bytes are data; trailer fields go into header. Returns the
-- body and header, or nil when it is malformed or longer than bodylimit.
function internal.recvchunkedbody(readbytes, bodylimit, header, data)
	local parts, size = {}, 0
	while true do
		local chunk
		chunk, data = next_chunk(readbytes, data)
		if not chunk then
			return nil
		end
		if chunk == "" then
			break
		end
		size = size + #chunk
		if bodylimit and size > bodylimit then
			return nil
		end
		parts[#parts + 1] = chunk
	end
	local trailer = {}
	if not internal.recvheader(readbytes, trailer, data) then
		return nil
	end
	header = internal.parseheader(trailer, 1, header)
	if not header then
		return nil
	end
	return table.concat(parts), header
end

local function has_key(t, name)
	for k in pairs(t) do
		if string.lower(k) == name then
			return true
		end
	end
	return false
end

-- Writes a request and reads the response's status and header block. interface: read, write,
-- readall. Returns the status code, the bytes read past the header and the header fields (put into
-- recvheader when given).
function internal.request(interface, method, host, url, recvheader, header, content)
	local out = { string.format("%s %s HTTP/1.1\r\n", method, url) }
	header = header or {}
	if not has_key(header, "host") then
		out[#out + 1] = string.format("host: %s\r\n", host)
	end
	local chunked = false
	for k, v in pairs(header) do
		out[#out + 1] = string.format("%s: %s\r\n", k, v)
		if string.lower(k) == "transfer-encoding" and string.lower(v) == "chunked" then
			chunked = true
		end
	end
	if not chunked then
		out[#out + 1] = string.format("content-length: %d\r\n", content and #content or 0)
	end
	out[#out + 1] = "\r\n"
	interface.write(table.concat(out))
	if content then
		interface.write(content)
	end

	local lines = {}
	local rest = internal.recvheader(interface.read, lines, "")
	if not rest then
		error("Recv header failed")
	end
	local code = tonumber(string.match(lines[1] or "", "^HTTP/[%d%.]+%s+(%d+)"))
	if not code then
		error("Invalid HTTP response status line: " .. tostring(lines[1]))
	end
	local fields = internal.parseheader(lines, 2, recvheader or {})
	if not fields then
		error("Invalid HTTP response header")
	end
	return code, rest, fields
end

local function transfer_mode(header)
	local mode = header["transfer-encoding"]
	if mode and mode ~= "identity" and mode ~= "chunked" then
		error("Unsupport transfer-encoding")
	end
	return mode
end

local function no_body(code)
	return code == 204 or code == 304 or code < 200
end

-- Reads the body of a response whose header request() returned.
function internal.response(interface, code, rest, header)
	if transfer_mode(header) == "chunked" then
		local body = internal.recvchunkedbody(interface.read, nil, header, rest)
		if not body then
			error("Invalid response body")
		end
		return body
	end
	local length = tonumber(header["content-length"])
	if length then
		if #rest >= length then
			return string.sub(rest, 1, length)
		end
		return rest .. interface.read(length - #rest)
	elseif no_body(code) then
		return ""
	end
	return rest .. (interface.readall() or "")
end

-- A response body read piece by piece: stream() or stream:padding() returns the next piece, nil
-- after the last; stream:close() closes the connection. stream.status, stream.header.
local Stream = {}
Stream.__index = Stream

function Stream:close()
	local onclose = self._onclose
	if onclose then
		self._onclose = nil
		onclose(self)
	end
end

function Stream:padding()
	if self.finished then
		return nil
	end
	local ok, piece = pcall(self._next, self)
	if not ok or piece == nil then
		self.finished = true
		self.connected = ok and nil or false
		self:close()
		if not ok then
			error(piece)
		end
		return nil
	end
	return piece
end
Stream.__call = Stream.padding

function internal.response_stream(interface, code, rest, header)
	local stream = setmetatable({ status = code, header = header, connected = true, _interface = interface }, Stream)
	local read = interface.read
	if transfer_mode(header) == "chunked" then
		local data = rest
		stream._next = function(self)
			local chunk
			chunk, data = next_chunk(read, data)
			if not chunk then
				error("Invalid response body")
			elseif chunk == "" then
				if not internal.recvheader(read, {}, data) then
					error("Invalid response body")
				end
				return nil
			end
			return chunk
		end
		return stream
	end
	local length = tonumber(header["content-length"])
	if length or no_body(code) then
		local left = length or 0
		local first = rest
		stream._next = function(self)
			if left <= 0 then
				return nil
			end
			local piece = first
			first = nil
			if piece == nil or piece == "" then
				piece = read()
			end
			if #piece > left then
				piece = string.sub(piece, 1, left)
			end
			left = left - #piece
			return piece
		end
		return stream
	end
	local first = rest
	stream._next = function(self)
		local piece = first
		first = nil
		if piece ~= nil and piece ~= "" then
			return piece
		end
		local ok, more = pcall(read)
		if ok and more ~= "" then
			return more
		end
		return nil -- closed by the server: the body is complete
	end
	return stream
end

return internal
