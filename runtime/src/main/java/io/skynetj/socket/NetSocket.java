package io.skynetj.socket;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;

/** One socket of a {@link SocketServer}. Touched only by the server's selector thread, except the volatile fields. */
final class NetSocket {
    enum State { CONNECTING, CONNECTED, ACCEPTED, OPENING, LISTEN, HALFCLOSE_READ, HALFCLOSE_WRITE }

    /** A datagram waiting to be sent, with its destination. */
    record Datagram(ByteBuffer data, InetSocketAddress to) {}

    final int id;
    final boolean udp;
    volatile int owner;
    volatile State state;
    /** socket.close() asked for a close that waits for the send buffer to drain. */
    volatile boolean closing;
    SelectableChannel channel;
    SelectionKey key;
    volatile boolean reading;
    /**
     * skynet's two send lists: lsend data goes to low unless the buffer is empty. Made with room for
     * one (they grow when used): most sockets never queue a byte, and the default room for 16 is an
     * 80-byte array a list on each of a server's idle connections (24 bytes with room for one).
     */
    final ArrayDeque<ByteBuffer> high = new ArrayDeque<>(1);
    final ArrayDeque<ByteBuffer> low = new ArrayDeque<>(1);
    final ArrayDeque<Datagram> datagrams = new ArrayDeque<>(1);
    volatile long buffered;
    /** Taken by a service writing to the channel itself (see {@link SocketServer#send}) and by the selector thread to queue a write. */
    final Object sendLock = new Object();
    /** Writes posted to the selector thread that it has not queued yet (guarded by sendLock): a direct write would overtake them. */
    int postedWrites;
    /** Set by the selector thread: a connected TCP socket, not closing, with nothing buffered, which a service may write to directly. */
    volatile boolean directWrite;
    /** The buffered size past which the next warning goes out (0: none sent since the buffer last emptied). */
    long warnSize;
    volatile long bytesIn;
    volatile long bytesOut;
    volatile long accepted;
    volatile long readTime;
    volatile long writeTime;
    volatile String address = "";
    /** UDP: where send without an address goes (udp_connect), or null. */
    InetSocketAddress udpPeer;
    /** UDP: true for an IPv6 socket. */
    boolean udpV6;
    /** CONNECTING: System.nanoTime() after which the connect fails. */
    long connectDeadline;

    NetSocket(int id, int owner, boolean udp, State state) {
        this.id = id;
        this.owner = owner;
        this.udp = udp;
        this.state = state;
    }

    boolean sendBufferEmpty() {
        return high.isEmpty() && low.isEmpty() && datagrams.isEmpty();
    }

    /** skynet's nomore_sending_data: nothing left to write (or writing is shut down). */
    boolean nothingToSend() {
        return sendBufferEmpty() || state == State.HALFCLOSE_WRITE;
    }

    String kind() {
        if (udp) return "UDP";
        return switch (state) {
            case LISTEN -> "LISTEN";
            case OPENING -> "OPENING";
            case CONNECTING -> "CONNECTING";
            case ACCEPTED -> "ACCEPTED";
            case CONNECTED -> closing ? "CLOSING" : "TCP";
            case HALFCLOSE_READ, HALFCLOSE_WRITE -> "CLOSING";
        };
    }

    SocketInfo info() {
        return new SocketInfo(id, owner, kind(), address, bytesIn, bytesOut, buffered, accepted, reading,
            buffered > 0, readTime, writeTime);
    }
}
