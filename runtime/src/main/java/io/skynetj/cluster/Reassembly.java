package io.skynetj.cluster;

import java.io.ByteArrayOutputStream;

/**
 * The parts of one large request or reply collected so far, against the size its header announced
 * and the link's {@link LinkLimits#maxMessage}: a peer announcing or sending more than that is a
 * protocol error (the link is dropped), so it cannot make this node buffer without bound.
 */
final class Reassembly {
    /** Announced total, or -1 when the parts came without a header. */
    private final int expected;
    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long received;

    Reassembly(int expected, long limit) throws ProtocolException {
        if (expected != -1 && Integer.toUnsignedLong(expected) > limit)
            throw new ProtocolException.Limit("a message of " + Integer.toUnsignedLong(expected) + " bytes announced; cluster_max_message is " + limit);
        this.expected = expected;
        this.limit = limit;
    }

    void append(byte[] chunk) throws ProtocolException {
        received += chunk.length;
        if (received > limit) throw new ProtocolException.Limit("more than " + limit + " bytes sent in parts; cluster_max_message is " + limit);
        // A peer announcing less than it sends cannot make us buffer more than it announced.
        if (expected == -1 || received <= Integer.toUnsignedLong(expected)) bytes.writeBytes(chunk);
    }

    boolean complete() {
        return expected != -1 && received == Integer.toUnsignedLong(expected);
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    String mismatch() {
        return received + " bytes received, " + (expected == -1 ? "no header" : Integer.toUnsignedLong(expected) + " announced");
    }
}
