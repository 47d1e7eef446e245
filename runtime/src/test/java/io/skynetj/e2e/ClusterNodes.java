package io.skynetj.e2e;

import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.lua.Pack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** Helpers for tests that run several skynetj nodes in one JVM and link them over loopback. */
final class ClusterNodes {
    private ClusterNodes() {}

    /**
     * An echo service in the shape of the reference's interop tests, registered in the cluster registry
     * and as a local name: "svc" and ".svc", or the name given as its argument.
     */
    static final String ECHO = """
        local skynet = require "skynet"
        require "skynet.manager"
        local cluster = require "skynet.cluster"
        local name = ... or "svc"
        local pushed = {}
        local command = {}
        function command.echo(...) return ... end
        function command.len(s) return #s end
        function command.big(n) return string.rep("x", n) end
        function command.err() error("boom from echo") end
        function command.sleep(cs) print("SLEEPING " .. cs) skynet.sleep(cs) return "slept" end
        function command.push(v) pushed[#pushed + 1] = type(v) == "string" and #v or v end
        command.ping = command.push
        function command.pushed() local p = pushed pushed = {} return p end
        function command.register(name) cluster.register(name) end
        function command.unregister(name) cluster.unregister(name) end
        function command.whoami() return skynet.self() end
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd, ...)
                local f = assert(command[cmd], cmd)
                if session == 0 then
                    f(...)
                else
                    skynet.retpack(f(...))
                end
            end)
            skynet.name("." .. name, skynet.self())
            cluster.register(name)
        end)
        """;

    /** Waits for the service that printed {@code LISTEN <port>} and returns the port. */
    static int listenPort(TestNode node) throws InterruptedException {
        String line = node.await("LISTEN ");
        return Integer.parseInt(line.substring(line.indexOf("LISTEN ") + 7).trim());
    }

    /** Writes a cluster config file mapping node names to loopback ports; returns its path. */
    static String clusterFile(Path dir, String fileName, Object... nameThenPort) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nameThenPort.length; i += 2)
            sb.append(nameThenPort[i]).append(" = \"127.0.0.1:").append(nameThenPort[i + 1]).append("\"\n");
        Path f = dir.resolve(fileName);
        Files.writeString(f, sb);
        return f.toString();
    }

    /** Sends {@code cmd} as a "lua" message to the service named {@code name} on a running node. */
    static void tell(TestNode node, String name, String cmd) {
        Node n = node.node().node();
        int handle = n.lookup(name);
        if (handle == 0) throw new AssertionError("no service named " + name);
        n.send(0, handle, Ptype.LUA, 0, Pack.pack(LuaValue.valueOf(cmd)));
    }

    /** A loopback port nobody listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Tells a running node's clusterd about {@code name} at a loopback port, as cluster.reload would. */
    static void reload(TestNode node, String name, int port) {
        Node n = node.node().node();
        LuaTable t = new LuaTable();
        t.set(name, "127.0.0.1:" + port);
        int clusterd = n.lookup(".clusterd");
        if (clusterd == 0) throw new AssertionError("no clusterd on that node yet");
        n.send(0, clusterd, Ptype.LUA, 0, Pack.pack(LuaValue.varargsOf(LuaValue.valueOf("reload"), t)));
    }
}
