package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet.socket over real loopback TCP and UDP: Lua services on a real node, Java clients. */
class SocketTest {
    @TempDir
    Path dir;

    static final String LINE_ECHO = """
        local skynet = require "skynet"
        local socket = require "skynet.socket"
        skynet.start(function()
            local id, addr, port = socket.listen("127.0.0.1", 0)
            print("LISTEN " .. port .. " " .. addr)
            socket.start(id, function(fd, from)
                skynet.fork(function()
                    socket.start(fd)
                    while true do
                        local line = socket.readline(fd)
                        if not line then break end
                        socket.write(fd, "echo:" .. line .. "\\n")
                    end
                    socket.close(fd)
                    print("CLOSED " .. fd)
                end)
            end)
        end)
        """;

    static int port(TestNode node) throws InterruptedException {
        return Integer.parseInt(node.await("LISTEN ").split(" ")[1]);
    }

    static Socket client(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), (int) TestNode.DEADLINE.toMillis());
        s.setSoTimeout((int) TestNode.DEADLINE.toMillis());
        return s;
    }

    @Test
    void listenAcceptReadWriteClose() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", LINE_ECHO).start("main")) {
            int port = port(node);
            try (Socket s = client(port)) {
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                out.write("hello\nwor".getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertEquals("echo:hello", in.readLine());
                out.write("ld\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("echo:world", in.readLine());
            }
            node.await("CLOSED ");
        }
    }
}
