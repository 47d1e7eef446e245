package io.skynetj.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cluster connection whose frame handler throws an Error (an OutOfMemoryError while a frame is being
 * handled, say) is closed and reported like any other failure: the socket goes, the owner hears of it
 * once, and nothing is left holding it.
 */
class ConnectionFailureTest {
    private static final long DEADLINE_SECONDS = 20;

    @Test
    void anErrorInTheFrameHandlerClosesTheConnectionAndTellsItsOwner() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket peer = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            Socket accepted = server.accept();
            CompletableFuture<String> closed = new CompletableFuture<>();
            Connection c = Connection.from(accepted, null, body -> {
                throw new OutOfMemoryError("injected: no memory for a frame of " + body.length + " bytes");
            }, new Connection.Events() {
                @Override
                public void opened(Connection conn) {}

                @Override
                public void closed(Connection conn, String reason, boolean wasOpen) {
                    if (!closed.complete(reason)) throw new AssertionError("closed reported twice");
                }
            });
            c.start();
            peer.getOutputStream().write(new byte[] {0, 3, 1, 2, 3}); // one frame of 3 bytes
            String reason = closed.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertTrue(reason.contains("dropped: java.lang.OutOfMemoryError: injected: no memory for a frame of 3 bytes"), reason);
            assertFalse(c.isOpen());
            assertTrue(accepted.isClosed(), "the socket is released");
            peer.setSoTimeout((int) TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            assertEquals(-1, peer.getInputStream().read(), "the peer sees the connection close");
        }
    }
}
