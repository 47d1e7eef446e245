-- require "skynet.coroutine": skynet's coroutine library for user coroutines inside services.
-- In skynet it passes a skynet block (call, sleep, wait) made inside a user coroutine up to the
-- scheduler. skynetj's coroutines run on their own threads and block in the kernel directly, so
-- create/resume/yield are the plain ones; this module adds skynet's observable rules on top:
-- only coroutines created here can be resumed through it, a coroutine blocked in the framework
-- reports "blocked" and cannot be resumed, and thread(co) finds the skynet thread behind it.
local coroutine = coroutine
local coroutine_create = coroutine.create
local coroutine_resume = coroutine.resume
local coroutine_status = coroutine.status
local coroutine_running = coroutine.running
local coroutine_close = coroutine.close
local select = select
local error = error

local skynetco = {}

skynetco.isyieldable = coroutine.isyieldable
skynetco.running = coroutine.running
skynetco.yield = coroutine.yield

-- coroutines created by this module (weak: they may be collected)
local created = setmetatable({}, { __mode = "k" })
-- coroutine -> the skynet thread (request, fork or timer coroutine) at the root of its resumes
local caller = setmetatable({}, { __mode = "kv" })

function skynetco.create(f)
	local co = coroutine_create(f)
	created[co] = true
	return co
end

-- coroutine -> the coroutine that last resumed it through this module
local resumer = setmetatable({}, { __mode = "kv" })

local function resumes_running(co)
	local c = resumer[coroutine_running()]
	while c do
		if c == co then
			return true
		end
		c = resumer[c]
	end
	return false
end

-- A coroutine is blocked in the framework when it is "running" without being the one that runs
-- (it waits inside a skynet call on its own thread), or "normal" without being among the resumers
-- of the running one (it waits for a coroutine that is blocked so).
local function blocked(co)
	local status = coroutine_status(co)
	if status == "running" then
		return co ~= coroutine_running()
	end
	return status == "normal" and not resumes_running(co)
end

-- A coroutine of this module waiting in the framework is "blocked"; a skynet thread (request, fork,
-- timer) waiting there is "suspended", as skynet reports both.
function skynetco.status(co)
	if blocked(co) then
		return created[co] and "blocked" or "suspended"
	end
	return coroutine_status(co)
end

function skynetco.resume(co, ...)
	if not created[co] then
		if coroutine_status(co) == "dead" then
			return coroutine_resume(co, ...)
		end
		return false, "cannot resume none skynet coroutine"
	end
	if blocked(co) then
		return false, "cannot resume a skynet coroutine suspend by skynet framework"
	end
	local from = coroutine_running()
	caller[co] = caller[from] or from
	resumer[co] = from
	return coroutine_resume(co, ...)
end

-- thread(co): for a coroutine of this module, the skynet thread that (transitively) resumed it
-- and false; for a skynet thread itself, co and true.
function skynetco.thread(co)
	co = co or coroutine_running()
	if created[co] then
		return caller[co], false
	end
	return co, true
end

local function wrap_results(ok, ...)
	if ok then
		return ...
	end
	error((...), 0)
end

function skynetco.wrap(f)
	local co = skynetco.create(f)
	return function(...)
		return wrap_results(skynetco.resume(co, ...))
	end
end

-- Lua 5.4's coroutine.close (runs a suspended coroutine's pending to-be-closed variables), and the
-- module forgets the coroutine
function skynetco.close(co)
	created[co], caller[co], resumer[co] = nil, nil, nil
	return coroutine_close(co)
end

return skynetco
