package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require "skynet.harbor" on a standalone node: global names are local, there is no other harbor. */
class HarborTest {
    @TempDir
    Path dir;

    @Test
    void globalNamesAndLinksOnAStandaloneNode() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("echo", CoreApiTest.ECHO).service("main", """
            local skynet = require "skynet"
            local harbor = require "skynet.harbor"
            local check = require "check"
            skynet.start(function()
                local echo = skynet.newservice("echo")
                local queried
                skynet.fork(function() queried = harbor.queryname("ECHO") end)
                skynet.sleep(5)
                check.eq("queryname waits for the name", queried, nil)
                harbor.globalname("ECHO", echo)
                check.eq("global name reaches the service", skynet.call("ECHO", "lua", "hi"), "hi")
                check.raises("a taken name", "global name ECHO is already used", harbor.globalname, "ECHO")
                check.raises("a local name is refused", "without a leading '.'", harbor.globalname, ".x")
                skynet.sleep(20)
                check.eq("queryname returns once registered", queried, echo)
                harbor.globalname("MAIN")
                check.eq("globalname defaults to self", harbor.queryname("MAIN"), skynet.self())
                skynet.fork(harbor.link, 0)
                skynet.fork(harbor.linkmaster)
                skynet.yield()
                check.eq("link(0) and linkmaster block: this node and its (absent) master are never lost", skynet.task(), 2)
                check.eq("link to another harbor returns at once", harbor.link(3), nil)
                check.eq("connect(0) returns at once", harbor.connect(0), nil)
                check.raises("connect to another harbor", "a standalone node has no other harbor", harbor.connect, 2)
                check.eq("link and linkmaster still blocked", skynet.task(), 2)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "queryname waits for the name", "global name reaches the service", "a taken name",
                "a local name is refused", "queryname returns once registered", "globalname defaults to self",
                "link(0) and linkmaster block: this node and its (absent) master are never lost", "link to another harbor returns at once",
                "connect(0) returns at once", "connect to another harbor", "link and linkmaster still blocked");
        }
    }
}
