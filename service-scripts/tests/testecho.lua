-- Echo and throughput: N calls answer in turn with their own values, N sends arrive in send order
-- and before a later call from the same sender, and concurrent calls each get their own reply.
local skynet = require "skynet"
local check = require "check"

local N = 2000

skynet.start(function()
	local echo = skynet.newservice("echoserver")

	local a, b, c, d = skynet.call(echo, "lua", "echo", "x", nil, { k = 1 }, false)
	check.ok("values survive the round trip", a == "x" and b == nil and c.k == 1 and d == false,
		table.concat({ tostring(a), tostring(b), tostring(c), tostring(d) }, ","))
	check.eq("so does their count", select("#", skynet.call(echo, "lua", "echo", 1, nil, nil)), 3)
	local packed = skynet.call(echo, "lua", "echo", string.pack(">I2 s1 z", 513, "key", "value"))
	check.eq("a string.pack record survives it", check.list { string.unpack(">I2 s1 z", packed) }, "513,key,value,13")

	local t0 = skynet.hpc()
	local wrong = 0
	for i = 1, N do
		if skynet.call(echo, "lua", "echo", i) ~= i then
			wrong = wrong + 1
		end
	end
	local calls_ms = (skynet.hpc() - t0) / 1e6
	check.eq(N .. " calls answered in turn", wrong, 0)

	t0 = skynet.hpc()
	for i = 1, N do
		skynet.send(echo, "lua", "push", i)
	end
	local log = skynet.call(echo, "lua", "log") -- sent after the pushes, so handled after them
	local sends_ms = (skynet.hpc() - t0) / 1e6
	local in_order = #log == N
	for i = 1, #log do
		in_order = in_order and log[i] == i
	end
	check.ok(N .. " sends arrive in order before the call", in_order, #log .. " pushes logged")

	local replies, done = {}, 0
	for i = 1, 100 do
		skynet.fork(function()
			replies[i] = skynet.call(echo, "lua", "echo", i * 10)
			done = done + 1
		end)
	end
	while done < 100 do
		skynet.sleep(1)
	end
	local matched = true
	for i = 1, 100 do
		matched = matched and replies[i] == i * 10
	end
	check.ok("100 concurrent calls each get their own reply", matched, check.list(replies))

	skynet.error(string.format("echo: %d calls in %.0f ms, %d sends + 1 call in %.0f ms", N, calls_ms, N, sends_ms))
	print("DONE")
end)
