local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function val(v)
  if type(v) == "number" then
    return v == math.floor(v) and string.format("%d", v) or string.format("%.9g", v)
  elseif type(v) == "string" then
    return v:find("[^%w%p ]") and "x" .. hex(v) or '"' .. v .. '"'
  end
  return tostring(v)
end
local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = val((select(i, ...))) end
  return table.concat(t, " ")
end
local function err(f, ...)
  local ok, e = pcall(f, ...)
  return ok and "no error" or (tostring(e):gsub("^[^:]*:%d+: ", ""))
end
local pack, unpack, packsize = string.pack, string.unpack, string.packsize
