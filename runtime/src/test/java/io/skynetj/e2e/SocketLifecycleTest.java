package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who owns a socket, what happens when the owner goes, slow readers, and leaks (netstat). */
class SocketLifecycleTest {
    @TempDir
    Path dir;

    /** The listener hands each connection to a worker (start there); the worker abandons it and a second one takes over. */
    @Test
    void ownershipTransferAndAbandon() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            skynet.start(function()
                local first = skynet.newservice("worker", "first")
                local second = skynet.newservice("worker", "second")
                local id, addr, port = socket.listen("127.0.0.1", 0)
                print("LISTEN " .. port)
                socket.start(id, function(fd)
                    skynet.send(first, "lua", "take", fd, second)
                end)
            end)
            """;
        String worker = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local name = ...
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd, fd, next_worker)
                    socket.start(fd)
                    print(name .. " STARTED")
                    local line = socket.readline(fd)
                    socket.write(fd, name .. ":" .. line .. "\\n")
                    if next_worker then
                        socket.abandon(fd)
                        print(name .. " INVALID " .. tostring(socket.invalid(fd)))
                        skynet.send(next_worker, "lua", "take", fd)
                    else
                        socket.close(fd)
                    end
                end)
            end)
            """;
        try (TestNode node = SocketTest.node(dir).service("main", main).service("worker", worker).start("main")) {
            try (Socket s = SocketTest.client(SocketTest.port(node))) {
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                node.await("first STARTED");
                out.write("one\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("first:one", in.readLine());
                node.await("second STARTED");
                assertEquals("first INVALID true", node.await("first INVALID"));
                out.write("two\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("second:two", in.readLine());
                assertEquals(null, in.readLine()); // the second worker closed it
            }
        }
    }

    /** A killed service's sockets close: its client sees end of stream and netstat forgets them. */
    @Test
    void killedOwnerSocketsAreClosed() throws Exception {
        String main = """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                -- named before the holder starts: the test's client may connect (and the holder send
                -- to .main) as soon as the holder listens, before newservice returns here
                skynet.register(".main")
                skynet.dispatch("lua", function(_, _, cmd, holder)
                    skynet.kill(holder)
                    print("KILLED")
                end)
                skynet.newservice("holder")
            end)
            """;
        String holder = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                serve(function(fd)
                    print("HOLDING " .. #socket.netstat())
                    skynet.send(".main", "lua", "kill", skynet.self())
                end)
            end)
            """;
        try (TestNode node = nodeWithConsole().service("main", main).service("holder", holder).start("main")) {
            try (Socket s = SocketTest.client(SocketTest.port(node)); ConsoleConnection console = ConsoleConnection.open(node.consolePort())) {
                assertEquals("HOLDING 2", node.await("HOLDING "));
                node.await("KILLED");
                assertEquals(-1, s.getInputStream().read());
                awaitNetstat(console, 0);
            }
        }
    }

    /** A client that does not read: the writer gets skynet's warnings at the high water mark, and a 0 once drained. */
    @Test
    void slowReaderWarnsAtHighWater() throws Exception {
        String main = """
            local skynet = require "skynet"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                serve(function(fd)
                    socket.warning(fd, function(wid, kbytes)
                        print("WARNING " .. (wid == fd and "fd" or wid) .. " " .. (kbytes == 0 and "drained" or (kbytes >= 1024 and "high" or kbytes)))
                    end)
                    local chunk = string.rep("x", 64 * 1024)
                    for i = 1, 256 do socket.write(fd, chunk) end
                    print("WROTE")
                end)
            end)
            """;
        try (TestNode node = SocketTest.node(dir).service("main", main).start("main")) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096); // before connecting, so the window stays small
                s.connect(new InetSocketAddress("127.0.0.1", SocketTest.port(node)));
                s.setSoTimeout((int) TestNode.DEADLINE.toMillis());
                node.await("WROTE");
                assertEquals("WARNING fd high", node.await("WARNING "));
                InputStream in = s.getInputStream();
                byte[] buf = new byte[65536];
                long total = 0;
                while (total < 256L * 64 * 1024) {
                    int n = in.read(buf);
                    if (n < 0) break;
                    total += n;
                }
                assertEquals(256L * 64 * 1024, total);
                node.await("WARNING fd drained");
            }
        }
    }

    /** 1,000 connect / echo / close cycles (the figure) leave no socket behind. */
    @Test
    void manyCyclesLeaveNetstatEmpty() throws Exception {
        String main = """
            local skynet = require "skynet"
            require "skynet.manager"
            local socket = require "skynet.socket"
            local serve = require "serve"
            skynet.start(function()
                local id = serve((require "echo")) -- one value: require gives the file name too, as in Lua 5.4
                skynet.dispatch("lua", function() socket.close(id) ; print("UNLISTENED") ; skynet.ret() end)
                skynet.register(".server")
            end)
            """;
        try (TestNode node = nodeWithConsole().service("main", main).start("main");
             ConsoleConnection console = ConsoleConnection.open(node.consolePort())) {
            int port = SocketTest.port(node);
            long filesBefore = openFiles();
            for (int i = 0; i < 1000; i++) {
                try (Socket s = SocketTest.client(port)) {
                    s.getOutputStream().write(("ping" + i).getBytes(StandardCharsets.UTF_8));
                    byte[] reply = s.getInputStream().readNBytes(("ping" + i).length());
                    assertEquals("ping" + i, new String(reply, StandardCharsets.UTF_8));
                }
            }
            List<String> rows = awaitNetstat(console, 1);
            // 1,000 leaked descriptors would show; a few may come and go with the JVM's own work
            long filesAfter = openFiles();
            assertTrue(filesAfter < filesBefore + 20, "open files went from " + filesBefore + " to " + filesAfter);
            assertTrue(rows.get(0).matches("\\d+\t:[0-9a-f]{8}\tLISTEN\t127\\.0\\.0\\.1:" + port + "\tin:0\tout:0\tbuffered:0"), rows.toString());
            List<String> stat = console.command("stat");
            assertTrue(stat.stream().anyMatch(l -> l.endsWith("\tsocket:1")), stat.toString());
            console.command("call .server \"close\"");
            node.await("UNLISTENED");
            awaitNetstat(console, 0);
        }
    }

    /** The process's open file descriptors (Linux, where these tests run). */
    static long openFiles() throws IOException {
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private TestNode nodeWithConsole() throws IOException {
        return SocketTest.node(dir).config("console", "127.0.0.1:0");
    }

    /** Polls the console's netstat until it lists {@code count} sockets; returns its rows. */
    static List<String> awaitNetstat(ConsoleConnection console, int count) throws IOException, InterruptedException {
        return awaitNetstat(console, count, TestNode.DEADLINE);
    }

    static List<String> awaitNetstat(ConsoleConnection console, int count, java.time.Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (;;) {
            List<String> reply = console.command("netstat");
            List<String> rows = reply.stream().filter(l -> !l.startsWith("<CMD")).toList();
            if (rows.size() == count) return rows;
            if (System.nanoTime() > deadline)
                throw new AssertionError("netstat never showed " + count + " sockets: " + (rows.size() > 20 ? rows.size() + " rows" : rows));
            Thread.sleep(20);
        }
    }
}
