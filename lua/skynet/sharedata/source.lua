-- Turns what sharedata.new/update and sharetable.load* are given into a table, as skynet's
-- sharedatad does: a table as it is; nil as {}; Lua source (or "@filename") run with the extra
-- arguments, giving the table it returns or else the globals it defined.
local source = {}

local function read(filename)
	-- straight from the disk (not the code cache): an update must see the file as it is now
	local f = assert(io.open(filename, "rb"))
	local text = f:read("*a")
	f:close()
	return text
end

function source.run(name, text, ...)
	local env = setmetatable({}, { __index = _ENV })
	local f
	if text:sub(1, 1) == "@" then
		local filename = text:sub(2)
		f = assert(load(read(filename), "@" .. filename, "bt", env))
	else
		f = assert(load(text, "=" .. name, "bt", env))
	end
	local ret = f(...)
	setmetatable(env, nil)
	if type(ret) == "table" then
		return ret
	end
	return env
end

function source.build(name, value, ...)
	local t = type(value)
	if t == "table" then
		return value
	elseif t == "nil" then
		return {}
	elseif t == "string" then
		return source.run(name, value, ...)
	end
	error("Unknown data type " .. t)
end

return source
