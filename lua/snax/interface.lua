-- require "snax.interface": interface(name, G [, loader]) lists what the snax service file `name`
-- defines, as skynet numbers them: { id, group, name, f } with ids 1..4 for the system functions
-- init, exit, hotfix, profile, then accept/response methods in the order the file defines them.
-- Returns that list and the path pattern the file was found with. The file runs with G as its
-- globals (its other global functions are copied into G); loader(path, name, G) -> chunk, pattern.
local skynet = require "skynet"

local function find(path, name, G)
	local errors = {}
	for pattern in string.gmatch(path, "[^;]+") do
		local chunk, err = loadfile(string.gsub(pattern, "?", name), "bt", G)
		if chunk then
			return chunk, pattern
		end
		errors[#errors + 1] = err
	end
	error(table.concat(errors, "\n"))
end

local SYSTEM = { "init", "exit", "hotfix", "profile" }

return function(name, G, loader)
	assert(getmetatable(G) == nil)
	for _, k in ipairs { "init", "exit", "accept", "response" } do
		assert(G[k] == nil)
	end
	local list = {}
	local system_index = {}
	for i, k in ipairs(SYSTEM) do
		list[i] = { i, "system", k }
		system_index[k] = i
	end

	-- response.x = f / accept.x = f: numbered in definition order, each name once per group
	local function group(gname)
		local seen = {}
		return setmetatable({}, { __newindex = function(_, mname, f)
			if type(mname) ~= "string" then
				error(string.format("%s method only support string", gname))
			end
			if type(f) ~= "function" then
				error(string.format("%s.%s must be function", gname, mname))
			end
			if seen[mname] then
				error(string.format("%s.%s duplicate definition", gname, mname))
			end
			seen[mname] = true
			list[#list + 1] = { #list + 1, gname, mname, f }
		end })
	end

	local others = {}
	local env = setmetatable({ accept = group("accept"), response = group("response") }, { __index = others })
	local path = assert(skynet.getenv("snax") or skynet.getenv("luaservice"), "please set snax in config file")
	local chunk, pattern = (loader or find)(path, name, G)
	setmetatable(G, {
		__index = env,
		__newindex = function(_, k, v)
			local i = system_index[k]
			if i then
				if type(v) ~= "function" then
					error(string.format("%s must be a function", k))
				end
				list[i][4] = v
			else
				others[k] = v
			end
		end,
	})
	local ok, err = xpcall(chunk, debug.traceback)
	setmetatable(G, nil)
	assert(ok, err)
	for k, v in pairs(others) do
		G[k] = v
	end
	return list, pattern
end
