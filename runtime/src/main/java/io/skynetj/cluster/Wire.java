package io.skynetj.cluster;

import java.io.DataInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte layout shared by every cluster packet: a frame is a 2-byte big-endian body length and the body;
 * integers inside bodies are little-endian uint32 ({@code lua-cluster.c} fill_uint32/unpack_uint32).
 */
final class Wire {
    private Wire() {}

    /** Largest frame body the 2-byte length allows. */
    static final int MAX_BODY = 0xffff;
    /** Size of the chunks large messages are cut into (and the request split threshold). */
    static final int CHUNK = 0x8000;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** A new frame with its length header written; the body starts at offset 2. */
    static byte[] frame(int bodyLength) {
        if (bodyLength > MAX_BODY) throw new IllegalArgumentException("frame body of " + bodyLength + " bytes");
        byte[] f = new byte[2 + bodyLength];
        f[0] = (byte) (bodyLength >>> 8);
        f[1] = (byte) bodyLength;
        return f;
    }

    /** Reads one frame and returns its body. */
    static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] body = new byte[in.readUnsignedShort()];
        in.readFully(body);
        return body;
    }

    static void putInt(byte[] b, int offset, int v) {
        INT.set(b, offset, v);
    }

    static int getInt(byte[] b, int offset) {
        return (int) INT.get(b, offset);
    }
}
