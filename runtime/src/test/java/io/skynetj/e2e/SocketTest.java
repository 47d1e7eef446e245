package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet.socket over real loopback TCP and UDP: Lua services on a real node, Java clients. */
class SocketTest {
    @TempDir
    Path dir;

    static final String LINE_ECHO = """
        local skynet = require "skynet"
        local socket = require "skynet.socket"
        local serve = require "serve"
        skynet.start(function()
            serve(function(fd)
                while true do
                    local line = socket.readline(fd)
                    if not line then break end
                    socket.write(fd, "echo:" .. line .. "\\n")
                end
                socket.close(fd)
                print("CLOSED " .. fd)
            end)
        end)
        """;

    /** A test module: serve(handler [, host [, backlog]]) listens on host (127.0.0.1) at a free port, prints
     *  "LISTEN port addr", and runs handler(fd, addr) in a fork for each connection, started. */
    static final String SERVE_MODULE = """
        local skynet = require "skynet"
        local socket = require "skynet.socket"
        return function(handler, host, backlog)
            local id, addr, port = socket.listen(host or "127.0.0.1", 0, backlog)
            print("LISTEN " .. port .. " " .. addr)
            socket.start(id, function(fd, from)
                skynet.fork(function()
                    socket.start(fd)
                    handler(fd, from)
                end)
            end)
            return id
        end
        """;

    /** A test module: echo(fd) sends back what the connection sends until it closes, then closes it. */
    static final String ECHO_MODULE = """
        local socket = require "skynet.socket"
        return function(fd)
            while true do
                local data = socket.read(fd)
                if not data then break end
                socket.write(fd, data)
            end
            socket.close(fd)
        end
        """;

    /** A node with the check, serve and echo modules. */
    static TestNode node(Path dir) throws IOException {
        return LuaScenario.node(dir).service("serve", SERVE_MODULE).service("echo", ECHO_MODULE);
    }

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
        try (TestNode node = node(dir).service("main", LINE_ECHO).start("main")) {
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

    /** The raw PTYPE_SOCKET messages of one connection, in order, as socketdriver.unpack gives them. */
    @Test
    void socketMessageKindsInOrder() throws Exception {
        String main = """
            local skynet = require "skynet"
            local driver = require "skynet.socketdriver"
            local listen_id
            skynet.register_protocol {
                name = "socket",
                id = skynet.PTYPE_SOCKET,
                unpack = driver.unpack,
                dispatch = function(_, _, t, id, ud, data)
                    local who = id == listen_id and "L" or "C"
                    if t == 2 and who == "L" and ud ~= 0 then
                        print("EV connect L " .. data)
                        print("LISTEN " .. ud)
                        driver.start(listen_id)
                    elseif t == 2 then
                        print("EV connect " .. who .. " " .. data)
                    elseif t == 4 then
                        print("EV accept " .. who .. " " .. (data:match("^127%.0%.0%.1:%d+$") and "addr" or data))
                        driver.start(ud)
                    elseif t == 1 then
                        print("EV data " .. who .. " " .. skynet.tostring(data, ud))
                    elseif t == 3 then
                        print("EV close " .. who)
                        driver.close(id)
                        print("DONE")
                    else
                        print("EV other " .. t)
                    end
                end,
            }
            skynet.start(function()
                listen_id = driver.listen("127.0.0.1", 0)
            end)
            """;
        try (TestNode node = node(dir).service("main", main).start("main")) {
            int port = port(node);
            try (Socket s = client(port)) {
                node.await("EV connect C start");
                s.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
                node.await("EV data C abc");
                s.shutdownOutput();
                node.await("DONE");
                assertEquals(-1, s.getInputStream().read());
            }
            List<String> events = node.lines().stream().filter(l -> l.startsWith("EV ")).toList();
            assertEquals(List.of("EV connect L 127.0.0.1", "EV connect L start", "EV accept L addr", "EV connect C start",
                "EV data C abc", "EV close C"), events);
        }
    }

    /** The peer half-closes: the service still reads everything and can answer before it closes. */
    @Test
    void halfClosedPeerStillGetsTheAnswer() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                serve(function(fd)
                    local all = socket.readall(fd)
                    print("DISCONNECTED " .. tostring(socket.disconnected(fd)))
                    socket.write(fd, "got " .. #all .. " bytes: " .. all)
                    socket.close(fd)
                    print("INVALID " .. tostring(socket.invalid(fd)))
                end)
            end)
            """;
        try (TestNode node = node(dir).service("main", main).start("main")) {
            try (Socket s = client(port(node))) {
                s.getOutputStream().write("hello there".getBytes(StandardCharsets.UTF_8));
                s.shutdownOutput();
                assertEquals("got 11 bytes: hello there", new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            node.await("DISCONNECTED true");
            node.await("INVALID true");
        }
    }

    /** socket.open: a refused connect fails with the reason; a connect nobody answers fails at the timeout. */
    @Test
    void connectFailsWithReasonOrTimeout() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        // a listener whose accept queue is full and never drained: the kernel drops further SYNs
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(full.getLocalSocketAddress(), 300);
                        fillers.add(f);
                    } catch (IOException e) {
                        f.close();
                        break; // the queue is full
                    }
                }
                String main = """
                    local skynet = require "skynet"
                    local socket = require "skynet.socket"
                    skynet.start(function()
                        local id, err = socket.open("127.0.0.1", %d)
                        print("REFUSED " .. tostring(id) .. " " .. tostring(err))
                        local id2, err2 = socket.open("127.0.0.1:%d")
                        print("TIMEOUT " .. tostring(id2) .. " " .. tostring(err2))
                        print("NETSTAT " .. #socket.netstat())
                    end)
                    """.formatted(closedPort, full.getLocalPort());
                try (TestNode node = node(dir).config("socket_connect_timeout", "50").service("main", main).start("main")) {
                    assertTrue(node.await("REFUSED ").matches("REFUSED nil .*[Rr]efused.*"), node.output());
                    assertEquals("TIMEOUT nil connect timeout", node.await("TIMEOUT "));
                    assertEquals("NETSTAT 0", node.await("NETSTAT "));
                }
            } finally {
                for (Socket f : fillers) f.close();
            }
        }
    }

    /** UDP: send through udp_connect's default address, receive with the sender's address, answer with sendto. */
    @Test
    void udpRoundTrip() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout((int) TestNode.DEADLINE.toMillis());
            String main = """
                local skynet = require "skynet"
                local socket = require "skynet.socket"
                skynet.start(function()
                    local id
                    id = socket.udp(function(data, from)
                        local ip, port = socket.udp_address(from)
                        print("UDP " .. data .. " from " .. ip .. ":" .. port)
                        print("SENT " .. tostring(socket.sendto(id, from, "again:" .. data)))
                    end, "127.0.0.1", 0)
                    socket.udp_connect(id, "127.0.0.1", %d)
                    socket.write(id, "ping")
                end)
                """.formatted(peer.getLocalPort());
            try (TestNode node = node(dir).service("main", main).start("main")) {
                DatagramPacket p = new DatagramPacket(new byte[100], 100);
                peer.receive(p);
                assertEquals("ping", new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
                peer.send(new DatagramPacket("pong".getBytes(StandardCharsets.UTF_8), 4, p.getSocketAddress()));
                assertEquals("UDP pong from 127.0.0.1:" + peer.getLocalPort(), node.await("UDP "));
                peer.receive(p);
                assertEquals("again:pong", new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
                node.await("SENT true");
            }
        }
    }

    /** IPv6 loopback: listen on ::1, the accepted peer's address is written as skynet writes it. */
    @Test
    void ipv6Loopback() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                serve(function(fd, from)
                    print("FROM " .. from:gsub(":%d+$", ""))
                    socket.write(fd, socket.read(fd, 3):upper())
                    socket.close(fd)
                end, "::1")
            end)
            """;
        try (TestNode node = node(dir).service("main", main).start("main")) {
            String[] listen = node.await("LISTEN ").split(" ");
            assertEquals("::1", listen[2]);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("::1", Integer.parseInt(listen[1])), (int) TestNode.DEADLINE.toMillis());
                s.setSoTimeout((int) TestNode.DEADLINE.toMillis());
                s.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
                assertEquals("ABC", new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals("FROM ::1", node.await("FROM "));
        }
    }
    /** socket.open to a Java server: write, read a fixed size and a line, see the server's close. */
    @Test
    void openConnectsToAServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TestNode.DEADLINE.toMillis());
            String main = """
                local skynet = require "skynet"
                local socket = require "skynet.socket"
                skynet.start(function()
                    local fd = assert(socket.open("127.0.0.1", %d))
                    socket.write(fd, {"hel", "lo\\n"})
                    print("FIXED " .. socket.read(fd, 4))
                    print("LINE " .. socket.readline(fd, "\\r\\n"))
                    local ok, rest = socket.read(fd)
                    print("AFTER CLOSE " .. tostring(ok) .. " " .. tostring(rest))
                    print("DISCONNECTED " .. tostring(socket.disconnected(fd)))
                    socket.close(fd)
                    -- the close is carried out by the socket thread: wait for it, 5 s at most
                    for i = 1, 500 do
                        if #socket.netstat() == 0 then break end
                        skynet.sleep(1)
                    end
                    print("NETSTAT " .. #socket.netstat())
                end)
                """.formatted(server.getLocalPort());
            try (TestNode node = node(dir).service("main", main).start("main"); Socket peer = server.accept()) {
                peer.setSoTimeout((int) TestNode.DEADLINE.toMillis());
                BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("hello", in.readLine());
                peer.getOutputStream().write("abcdline two\r\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("FIXED abcd", node.await("FIXED "));
                assertEquals("LINE line two", node.await("LINE "));
                peer.close();
                assertEquals("AFTER CLOSE false ", node.await("AFTER CLOSE "));
                assertEquals("DISCONNECTED true", node.await("DISCONNECTED "));
                assertEquals("NETSTAT 0", node.await("NETSTAT "));
            }
        }
    }

    /** socket.close with megabytes still unsent: they all go out before the connection closes. */
    @Test
    void closeSendsWhatIsBufferedFirst() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                serve(function(fd)
                    for i = 1, 128 do socket.write(fd, string.rep(string.char(65 + i %% 26), 65536)) end
                    socket.close(fd)
                    print("CLOSED")
                end)
            end)
            """.replace("%%", "%");
        try (TestNode node = node(dir).service("main", main).start("main")) {
            try (Socket s = client(port(node))) {
                node.await("CLOSED");
                byte[] all = s.getInputStream().readAllBytes();
                assertEquals(128 * 65536, all.length);
                for (int i = 1; i <= 128; i++) assertEquals((byte) (65 + i % 26), all[(i - 1) * 65536 + 65535]);
            }
        }
    }

    /** socket.limit: a client that floods a line reader is cut off; another connection goes on. */
    @Test
    void limitCutsOffAFloodingClient() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                serve(function(fd)
                    socket.limit(fd, 1000)
                    while true do
                        local line = socket.readline(fd)
                        if not line then break end
                        socket.write(fd, line .. "\\n")
                    end
                    socket.close(fd)
                end)
            end)
            """;
        try (TestNode node = node(dir).service("main", main).start("main")) {
            int port = port(node);
            try (Socket good = client(port); Socket flood = client(port)) {
                BufferedReader in = new BufferedReader(new InputStreamReader(good.getInputStream(), StandardCharsets.UTF_8));
                good.getOutputStream().write("first\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("first", in.readLine());
                try {
                    flood.getOutputStream().write(new byte[5000]);
                } catch (IOException e) {
                    // the server may already have closed it
                }
                node.await("socket buffer overflow");
                assertClosedByPeer(flood);
                good.getOutputStream().write("second\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("second", in.readLine());
            }
        }
    }

    /** Mistakes give clear errors or results and break nothing: a taken port, bad addresses, unknown ids. */
    @Test
    void badRequestsGiveClearErrors() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local check = require "check"
            skynet.start(function()
                local id, addr, port = socket.listen("127.0.0.1", 0)
                check.raises("port taken", "Listen error: ", socket.listen, "127.0.0.1", port)
                check.raises("no port", "Invalid address localhost.", socket.open, "localhost")
                check.raises("port zero", "Invalid port", socket.open, "127.0.0.1", 0)
                check.eq("write to an unknown id", socket.write(99999, "x"), false)
                local none, err = socket.start(99999)
                check.eq("start an unknown id", tostring(none) .. " " .. tostring(err), "nil invalid socket")
                check.raises("bind an os fd", "not supported", socket.bind, 0)
                check.raises("udp_connect a tcp id", "udp connect failed: not a udp socket", require("skynet.socketdriver").udp_connect, id, "127.0.0.1", 9)
                local echo_id, _, echo_port = socket.listen("127.0.0.1", 0)
                socket.start(echo_id, function(fd) socket.start(fd) socket.write(fd, "still fine") socket.close(fd) end)
                local fd = assert(socket.open("127.0.0.1", echo_port))
                check.eq("still serving", socket.readall(fd), "still fine")
                socket.close(fd)
                print("DONE")
            end)
            """;
        try (TestNode node = node(dir).service("main", main).start("main")) {
            LuaScenario.assertPassed(node, "port taken", "no port", "port zero", "write to an unknown id", "start an unknown id",
                "bind an os fd", "udp_connect a tcp id", "still serving");
        }
    }

    /** Big reads: the socket pauses while more than 128 KiB wait unread and resumes when the reader asks for more. */
    @Test
    void bigReadsPauseAndResumeTheSocket() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                serve(function(fd)
                    local sizes = {}
                    for i = 1, 3 do
                        local part = assert(socket.read(fd, 300000))
                        sizes[#sizes + 1] = #part .. part:sub(1, 1)
                        if i == 1 then
                            -- the pause is carried out by the socket thread: wait for it (5 s at most)
                            for _ = 1, 500 do
                                local reading
                                for _, info in ipairs(socket.netstat()) do
                                    if info.id == fd then reading = info.reading end
                                end
                                if reading == false then break end
                                skynet.sleep(1)
                            end
                            print("PAUSED")
                        end
                    end
                    local rest = socket.readall(fd)
                    sizes[#sizes + 1] = #rest
                    print("READ " .. table.concat(sizes, " "))
                    socket.close(fd)
                end)
            end)
            """;
        try (TestNode node = node(dir).service("main", main).start("main")) {
            try (Socket s = client(port(node))) {
                byte[] data = new byte[1 << 20];
                for (int i = 0; i < data.length; i++) data[i] = (byte) ('a' + i / 300000);
                s.getOutputStream().write(data, 0, 400000);
                node.await("Pause socket (");
                node.await("PAUSED");
                // paused: the rest waits in the kernel until the reader wants more than it has
                s.getOutputStream().write(data, 400000, data.length - 400000);
                s.shutdownOutput();
                assertEquals("READ 300000a 300000b 300000c " + ((1 << 20) - 900000), node.await("READ "));
            }
            node.await("Resume socket (");
        }
    }

    /** write and lwrite mixed while the peer is slow: every buffer arrives whole, the high-priority ones first. */
    @Test
    void lowPriorityWritesNeverCutAHighPriorityOne() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                serve(function(fd)
                    local high, low = string.rep("A", 256 * 1024), string.rep("b", 100 * 1024)
                    for i = 1, 40 do
                        socket.write(fd, high)
                        socket.lwrite(fd, low)
                    end
                    socket.close(fd)
                    print("WRITTEN")
                end)
            end)
            """;
        try (TestNode node = node(dir).service("main", main).start("main")) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress("127.0.0.1", port(node)));
                s.setSoTimeout((int) TestNode.DEADLINE.toMillis());
                node.await("WRITTEN");
                byte[] all = s.getInputStream().readAllBytes();
                assertEquals(40 * (256 + 100) * 1024, all.length);
                int highBlocks = 0;
                int lowBlocks = 0;
                int lastHighEnd = 0;
                for (int i = 0; i < all.length; ) {
                    int j = i;
                    while (j < all.length && all[j] == all[i]) j++;
                    int block = all[i] == 'A' ? 256 * 1024 : 100 * 1024;
                    assertEquals(0, (j - i) % block, "a run of " + (j - i) + " '" + (char) all[i] + "' at " + i);
                    if (all[i] == 'A') {
                        highBlocks += (j - i) / block;
                        lastHighEnd = j;
                    } else {
                        lowBlocks += (j - i) / block;
                    }
                    i = j;
                }
                assertEquals(40, highBlocks);
                assertEquals(40, lowBlocks);
                // once the buffer backs up (the kernel takes 4 MiB at most), lwrite data waits behind every write
                assertTrue(lastHighEnd < all.length - 10 * 100 * 1024, "the high-priority data ends at " + lastHighEnd);
            }
        }
    }

    /** The peer closed: end of stream, or a reset when it closed with our bytes unread. */
    static void assertClosedByPeer(Socket s) {
        try {
            assertEquals(-1, s.getInputStream().read());
        } catch (java.net.SocketException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("reset"), e.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
