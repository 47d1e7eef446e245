package io.skynetj.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate process holding many client connections to an echo server, so the test's own process
 * (where the node runs) needs file descriptors only for the server's side. Arguments: port, count.
 * It connects in chunks, each connection echoing one byte before the next chunk starts (so the
 * listen backlog never overflows), prints "OPEN count", then obeys lines on stdin: "check" (every
 * connection echoes one byte again; prints "CHECKED count") and "close" (closes them all; prints
 * "CLOSED" and exits). End of stdin closes them too.
 */
public final class ConnectionHolder {
    private static final int CHUNK = 500;
    private static final int TIMEOUT_MS = 30_000;

    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int count = Integer.parseInt(args[1]);
        List<Socket> sockets = new ArrayList<>();
        try {
            while (sockets.size() < count) {
                int from = sockets.size();
                for (int i = from; i < Math.min(count, from + CHUNK); i++) {
                    Socket s = new Socket();
                    s.connect(server, TIMEOUT_MS);
                    s.setSoTimeout(TIMEOUT_MS);
                    sockets.add(s);
                }
                echo(sockets.subList(from, sockets.size()));
            }
            System.out.println("OPEN " + sockets.size());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("close")) {
                if (line.equals("check")) {
                    echo(sockets);
                    System.out.println("CHECKED " + sockets.size());
                }
            }
        } catch (IOException e) {
            System.out.println("ERROR after " + sockets.size() + " connections: " + e);
        } finally {
            for (Socket s : sockets) s.close();
        }
        System.out.println("CLOSED");
    }

    /** Every connection sends one byte, then every one reads it back: all in flight at once. */
    private static void echo(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) s.getOutputStream().write('x');
        for (Socket s : sockets)
            if (s.getInputStream().read() != 'x') throw new IOException("no echo on " + s.getLocalSocketAddress());
    }
}
