-- snax: ping a snax service, post to it, then hotfix it while it keeps its state.
local skynet = require "skynet"
local snax = require "skynet.snax"
local check = require "check"

skynet.start(function()
	local ps = snax.newservice("pingserver", "hello world")
	check.eq("ping", ps.req.ping("foobar"), "hello foobar")
	ps.post.hello()
	ps.post.hello()
	check.eq("posts counted", ps.req.count(), 2)
	check.eq("hotfix returns", snax.hotfix(ps, [[
		local i
		local hello
		function response.ping(v)
			return "fixed " .. hello .. " " .. v .. " " .. i
		end
		function hotfix(...)
			hello = "bonjour"
			return i
		end
	]]), 2)
	check.eq("patched ping sees the state", ps.req.ping("x"), "fixed bonjour x 2")
	snax.kill(ps, "bye")
	print("DONE")
end)
