package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require "skynet.multicast" (with multicastd) and require "skynet.mqueue" on a real node. */
class MulticastTest {
    @TempDir
    Path dir;

    @Test
    void everySubscriberGetsEveryMessageInPublishOrder() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("sub", """
            local skynet = require "skynet"
            local mc = require "skynet.multicast"
            local got = {}
            local chan
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd, id)
                    if cmd == "init" then
                        chan = mc.new { channel = id, dispatch = function(c, source, ...)
                            got[#got + 1] = { source = source, channel = c.channel, n = select("#", ...), ... }
                        end }
                        chan:subscribe()
                        chan:subscribe() -- twice is once
                        skynet.ret(skynet.pack())
                    elseif cmd == "unsubscribe" then
                        chan:unsubscribe()
                        skynet.ret(skynet.pack())
                    else -- "got": what arrived, as a string per message
                        local lines = {}
                        for i, m in ipairs(got) do
                            lines[i] = string.format("%d:%d:%d:%s:%s", m.source, m.channel, m.n, tostring(m[1]), type(m[2]) == "table" and m[2].k or tostring(m[2]))
                        end
                        skynet.ret(skynet.pack(lines))
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local mc = require "skynet.multicast"
            local check = require "check"
            skynet.start(function()
                local chan = mc.new()
                local other = mc.new()
                check.ok("channels have distinct ids", chan.channel ~= other.channel, chan.channel)
                check.eq("tostring", tostring(chan), string.format("[Multicast:%x]", chan.channel))
                local subs = {}
                for i = 1, 4 do
                    subs[i] = skynet.newservice("sub")
                    skynet.call(subs[i], "lua", "init", chan.channel)
                end
                local N = 200
                for i = 1, N do chan:publish(i, { k = "v" .. i }) end
                other:publish("nobody listens")
                local me = skynet.self()
                local function expect(upto)
                    local want = {}
                    for i = 1, upto do want[i] = string.format("%d:%d:2:%d:v%d", me, chan.channel, i, i) end
                    return table.concat(want, ",")
                end
                local all_in_order = true
                for i = 1, 4 do
                    local got = skynet.call(subs[i], "lua", "got")
                    if table.concat(got, ",") ~= expect(N) then all_in_order = false print("sub " .. i .. " got " .. #got) end
                end
                check.ok("every subscriber got every message, in order, from the publisher", all_in_order)
                skynet.call(subs[1], "lua", "unsubscribe")
                chan:publish(N + 1, { k = "v" .. (N + 1) })
                check.eq("an unsubscribed service gets no more", #skynet.call(subs[1], "lua", "got"), N)
                check.eq("the others still do", #skynet.call(subs[2], "lua", "got"), N + 1)
                chan:delete()
                check.eq("delete forgets the id", chan.channel, nil)
                local again = mc.new()
                check.ok("a new channel after delete works", again.channel ~= nil)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "channels have distinct ids", "tostring", "every subscriber got every message, in order, from the publisher",
                "an unsubscribed service gets no more", "the others still do", "delete forgets the id", "a new channel after delete works");
        }
    }

    @Test
    void mqueueHandlesOneMessageAtATime() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("worker", """
            local skynet = require "skynet"
            local mqueue = require "skynet.mqueue"
            local busy, overlaps, log = false, 0, {}
            skynet.start(function()
                mqueue.register(function(cmd, x)
                    if busy then overlaps = overlaps + 1 end
                    busy = true
                    skynet.sleep(1) -- would let another handler in if they were not queued
                    busy = false
                    if cmd == "fail" then error("bad " .. x) end
                    if cmd == "log" then log[#log + 1] = x return end
                    return overlaps, table.concat(log, ",")
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local mqueue = require "skynet.mqueue"
            local check = require "check"
            skynet.start(function()
                local w = skynet.newservice("worker")
                for i = 1, 5 do mqueue.send(w, "log", i) end
                local done = 0
                for i = 1, 3 do skynet.fork(function() mqueue.call(w, "log2", i) done = done + 1 end) end
                local overlaps, log = mqueue.call(w, "report")
                check.eq("sends handled in order", log, "1,2,3,4,5")
                check.eq("never two at once", overlaps, 0)
                local ok, err = pcall(mqueue.call, w, "fail", 7)
                check.ok("an error reaches the caller", not ok and tostring(err):find("bad 7", 1, true), err)
                while done < 3 do skynet.sleep(1) end
                check.eq("the worker goes on after an error", select(2, mqueue.call(w, "report")), "1,2,3,4,5")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "sends handled in order", "never two at once", "an error reaches the caller", "the worker goes on after an error");
        }
    }
}
