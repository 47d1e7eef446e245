package io.skynetj.cluster;

import java.io.ByteArrayOutputStream;

/** The parts of one large request or reply collected so far, against the size its header announced. */
final class Reassembly {
    /** Announced total, or -1 when the parts came without a header. */
    private final int expected;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long received;

    Reassembly(int expected) {
        this.expected = expected;
    }

    void append(byte[] chunk) {
        received += chunk.length;
        // A peer announcing less than it sends cannot make us buffer without bound.
        if (received <= Integer.toUnsignedLong(expected)) bytes.writeBytes(chunk);
    }

    boolean complete() {
        return expected >= 0 && received == expected;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    String mismatch() {
        return received + " bytes received, " + (expected < 0 ? "no header" : expected + " announced");
    }
}
