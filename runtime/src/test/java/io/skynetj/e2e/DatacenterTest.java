package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require "skynet.datacenter" against the datacenterd service bootstrap starts. */
class DatacenterTest {
    @TempDir
    Path dir;

    @Test
    void setGetAndWaitAcrossServices() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("waiter", """
            local skynet = require "skynet"
            local datacenter = require "skynet.datacenter"
            skynet.start(function()
                skynet.dispatch("lua", function(session, source, ...)
                    skynet.retpack(pcall(datacenter.wait, ...))
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local datacenter = require "skynet.datacenter"
            local check = require "check"
            skynet.start(function()
                check.eq("DATACENTER is a node-wide name", type(skynet.localname("DATACENTER")), "number")
                check.eq("get of a missing key", datacenter.get("nothing"), nil)
                check.eq("set returns the old value (none)", datacenter.set("a", "b", 1), nil)
                check.eq("get a path", datacenter.get("a", "b"), 1)
                check.eq("get a branch", datacenter.get("a").b, 1)
                check.eq("set returns the old value", datacenter.set("a", "b", 2), 1)
                check.eq("get below a leaf", datacenter.get("a", "b", "c"), nil)
                check.raises("set below a leaf", "call failed", datacenter.set, "a", "b", "c", 3)
                check.eq("wait on an existing value returns at once", datacenter.wait("a", "b"), 2)

                local waiter = skynet.newservice("waiter")
                local got = {}
                local done = 0
                local function wait(name, ...)
                    local args = table.pack(...)
                    skynet.fork(function()
                        got[name] = table.pack(skynet.call(waiter, "lua", table.unpack(args, 1, args.n)))
                        done = done + 1
                    end)
                end
                wait("leaf", "x", "y")
                wait("branch", "p")
                wait("inside a new table", "t", "u")
                skynet.sleep(5)
                check.eq("waits block until set", done, 0)
                datacenter.set("x", "y", "hello")
                datacenter.set("p", "q", 1)
                datacenter.set("t", { u = "from a table" })
                while done < 3 do skynet.sleep(1) end
                check.eq("wait returns the value set", got.leaf[2], "hello")
                check.eq("waiting on a path that became a branch fails", got.branch[1], false)
                check.ok("with call failed", tostring(got.branch[2]):find("call failed", 1, true), got.branch[2])
                check.eq("a table set above a waited path answers it", got["inside a new table"][2], "from a table")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "DATACENTER is a node-wide name", "get of a missing key", "set returns the old value (none)",
                "get a path", "get a branch", "set returns the old value", "get below a leaf", "set below a leaf",
                "wait on an existing value returns at once", "waits block until set", "wait returns the value set",
                "waiting on a path that became a branch fails", "with call failed", "a table set above a waited path answers it");
        }
    }
}
