-- http.sockethelper: the read/write functions httpd, httpc and websocket work with, over skynet.socket.
-- read(n) returns n bytes, read() what has arrived; both raise socket_error when the socket is gone.
local skynet = require "skynet"
local socket = require "skynet.socket"
local internal = require "http.internal"

local sockethelper = {}

-- The error raised on a broken socket. Calling it with a text makes it carry that text for the
-- next tostring (as skynet's does); compare errors with it by identity.
local socket_error = setmetatable({}, {
	__tostring = function(self)
		local text = self.text
		self.text = nil
		return text or "[Socket Error]"
	end,
	__call = function(self, text)
		self.text = "[Socket Error] : " .. tostring(text)
		return self
	end,
})
sockethelper.socket_error = socket_error

local function reader(fd)
	return function(n)
		local data = socket.read(fd, n)
		if not data then
			error(socket_error("read failed fd = " .. fd))
		end
		return data
	end
end

-- readfunc(fd [, already]): a reader that first hands out the bytes of already (read earlier)
function sockethelper.readfunc(fd, already)
	return internal.prefixed_reader(reader(fd), already)
end

sockethelper.readall = socket.readall

function sockethelper.writefunc(fd)
	return function(data)
		if not socket.write(fd, data) then
			error(socket_error("write failed fd = " .. fd))
		end
	end
end

-- connect(host, port [, timeout]): the socket id; raises socket_error when the connection fails or
-- takes more than timeout centiseconds (a connection made after that is closed).
function sockethelper.connect(host, port, timeout)
	local fd, err
	local timed_out = false
	if timeout then
		local me = coroutine.running()
		local waiting = true
		skynet.fork(function()
			fd, err = socket.open(host, port)
			if waiting then
				skynet.wakeup(me)
			elseif fd then
				socket.close(fd) -- too late: the caller gave up
				fd = nil
			end
		end)
		skynet.sleep(timeout, me)
		waiting = false
		if not fd then
			timed_out = err == nil
		end
	else
		fd, err = socket.open(host, port)
	end
	if fd then
		return fd
	end
	error(socket_error(string.format("connect failed host = %s port = %s timeout = %s err = %s is_time_out = %s",
		host, port, tostring(timeout), tostring(err), tostring(timed_out))))
end

function sockethelper.close(fd)
	socket.close(fd)
end

function sockethelper.shutdown(fd)
	socket.shutdown(fd)
end

return sockethelper
