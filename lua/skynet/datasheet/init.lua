-- require "skynet.datasheet": datasheet.query(name) gives this service's read-only table of what a
-- builder (skynet.datasheet.builder) published as name; it follows every builder.update. The data
-- is the node's one document, read in place; the table fills itself level by level on first use.
local skynet = require "skynet"
local service = require "skynet.service"
local core = require "skynet.datasheet.core"

local datasheet = {}
local keeper
-- name -> { object =, handle =, error =, waiting = { co, ... } while the first query runs }; once this
-- service's Lua state closes (exit or kill), its __gc tells the datasheet service to let go of every
-- version this service held, as skynet's reader does
local sheets = setmetatable({}, { __gc = function()
	if keeper then skynet.send(keeper, "lua", "close") end
end })

-- waits for each newer version, moves the tables to it and lets go of the last one
local function follow(sheet)
	skynet.fork(function()
		while true do
			local last = sheet.handle
			local handle = skynet.call(keeper, "lua", "monitor", last)
			core.update(sheet.object, handle)
			sheet.handle = handle
			skynet.send(keeper, "lua", "release", last)
		end
	end)
end

local function first_query(sheet, name)
	keeper = keeper or service.query "datasheet"
	local ok, handle = pcall(skynet.call, keeper, "lua", "query", name)
	if ok then
		sheet.handle = handle
		sheet.object = core.new(handle)
		follow(sheet)
	else
		sheet.error = handle
	end
	local waiting = sheet.waiting
	sheet.waiting = nil
	for _, co in ipairs(waiting) do
		skynet.wakeup(co)
	end
end

function datasheet.query(name)
	local sheet = sheets[name]
	if not sheet then
		sheet = { waiting = {} }
		sheets[name] = sheet
		first_query(sheet, name)
	elseif sheet.waiting then
		local co = coroutine.running()
		table.insert(sheet.waiting, co)
		skynet.wait(co)
	end
	if sheet.error then
		error(sheet.error)
	end
	return sheet.object
end

return datasheet
