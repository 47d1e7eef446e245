package io.skynetj.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One TLS connection as a memory-to-memory transformer (what skynet's ltls does with OpenSSL's
 * memory BIOs): bytes from the socket go in, plain text and bytes for the socket come out. The Lua
 * side moves the bytes; nothing here touches a socket.
 */
final class TlsSession {
    private final SSLEngine engine;
    /** Received bytes not yet unwrapped (a partial record). */
    private ByteBuffer in = ByteBuffer.allocate(0);
    private boolean started;
    /** Bytes the engine produced while reading (e.g. a key update), sent with the next write. */
    private byte[] pendingOut = new byte[0];
    /** Plain text that came with the last handshake bytes, handed out by the next read. */
    private final ByteArrayOutputStream pendingPlain = new ByteArrayOutputStream();

    TlsSession(SSLEngine engine) {
        this.engine = engine;
    }

    SSLEngine engine() {
        return engine;
    }

    /** Feeds received handshake bytes (may be empty); returns the bytes to send (maybe none). */
    byte[] handshake(byte[] received) throws SSLException {
        if (!started) {
            engine.beginHandshake();
            started = true;
        }
        append(received);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pump(out, pendingPlain);
        return out.toByteArray();
    }

    boolean finished() {
        HandshakeStatus s = engine.getHandshakeStatus();
        return started && (s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED);
    }

    /** Unwraps received bytes; returns the plain text they hold (records split across calls wait). */
    byte[] read(byte[] received) throws SSLException {
        append(received);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pump(out, pendingPlain);
        if (out.size() > 0) pendingOut = concat(pendingOut, out.toByteArray());
        byte[] plain = pendingPlain.toByteArray();
        pendingPlain.reset();
        return plain;
    }

    /** Wraps plain text (maybe empty: flushes what the engine still has to send). */
    byte[] write(byte[] plain) throws SSLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 64);
        out.writeBytes(pendingOut);
        pendingOut = new byte[0];
        ByteBuffer src = ByteBuffer.wrap(plain);
        ByteBuffer dst = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        do {
            dst.clear();
            SSLEngineResult r = engine.wrap(src, dst);
            runTasks();
            dst.flip();
            out.write(dst.array(), 0, dst.limit());
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) break;
            if (r.bytesProduced() == 0 && !src.hasRemaining()) break;
        } while (src.hasRemaining() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
        return out.toByteArray();
    }

    /** The close_notify alert to send. */
    byte[] close() throws SSLException {
        engine.closeOutbound();
        return write(new byte[0]);
    }

    /** Runs the engine as far as the bytes at hand allow: wraps what it wants to send, unwraps what came. */
    private void pump(ByteArrayOutputStream out, ByteArrayOutputStream plain) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        for (;;) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_WRAP) {
                net.clear();
                engine.wrap(ByteBuffer.allocate(0), net);
                runTasks();
                net.flip();
                out.write(net.array(), 0, net.limit());
                continue;
            }
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (!in.hasRemaining()) return;
            app.clear();
            SSLEngineResult r = engine.unwrap(in, app);
            runTasks();
            app.flip();
            plain.write(app.array(), 0, app.limit());
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    return; // the rest of the record has not come yet
                }
                case BUFFER_OVERFLOW -> app = ByteBuffer.allocate(app.capacity() * 2);
                case CLOSED -> {
                    return;
                }
                default -> {
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                        && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP
                        && engine.getHandshakeStatus() != HandshakeStatus.NEED_TASK) return;
                }
            }
        }
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) task.run();
    }

    private void append(byte[] received) {
        if (received.length == 0) return;
        ByteBuffer joined = ByteBuffer.allocate(in.remaining() + received.length);
        joined.put(in).put(received).flip();
        in = joined;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
