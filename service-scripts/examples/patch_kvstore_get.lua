-- A patch for a running kvstore: GET of a missing key answers a default value instead of nil.
--   inject <kvstore address> service-scripts/examples/patch_kvstore_get.lua [default]
-- kvstore dispatches through `local CMD`, which its "lua" dispatch function closes over, so the
-- patch reaches it as _P.lua.CMD. The new GET keeps the old one and wraps it. Nothing changes if
-- the patch fails half way; `rollback <address>` restores the original GET.
local CMD = _P.lua.CMD
local get = assert(CMD.GET, "this service has no GET command")
local default = ... or "(none)"

function CMD.GET(key)
	local value = get(key)
	if value == nil then
		return default
	end
	return value
end

print("GET now answers " .. default .. " for missing keys")
