package io.skynetj.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Response packets, listener to connector ({@code lua-cluster.c} packresponse/unpackresponse): the body
 * is the session, a type byte, then data. Replies over 32 KiB go out as begin, chunks, last chunk.
 */
final class ResponseCodec {
    private ResponseCodec() {}

    static final int ERROR = 0;
    static final int OK = 1;
    static final int MULTI_BEGIN = 2;
    static final int MULTI_PART = 3;
    static final int MULTI_END = 4;

    /** Frames of a reply; an error's text is cut to 32 KiB. */
    static List<byte[]> encode(int session, boolean ok, byte[] data) {
        if (!ok) return List.of(single(session, ERROR, data, Math.min(data.length, Wire.CHUNK)));
        if (data.length <= Wire.CHUNK) return List.of(single(session, OK, data, data.length));
        List<byte[]> frames = new ArrayList<>(2 + data.length / Wire.CHUNK);
        byte[] begin = Wire.frame(9);
        Wire.putInt(begin, 2, session);
        begin[6] = MULTI_BEGIN;
        Wire.putInt(begin, 7, data.length);
        frames.add(begin);
        for (int off = 0; off < data.length; off += Wire.CHUNK) {
            int n = Math.min(Wire.CHUNK, data.length - off);
            frames.add(chunk(session, off + n == data.length ? MULTI_END : MULTI_PART, data, off, n));
        }
        return frames;
    }

    private static byte[] single(int session, int type, byte[] data, int n) {
        return chunk(session, type, data, 0, n);
    }

    private static byte[] chunk(int session, int type, byte[] data, int off, int n) {
        byte[] f = Wire.frame(5 + n);
        Wire.putInt(f, 2, session);
        f[6] = (byte) type;
        System.arraycopy(data, off, f, 7, n);
        return f;
    }

    /** One decoded response frame; {@code size} is the total of a multi-part begin, else -1. */
    record Frame(int session, int type, byte[] data, int size) {}

    /** Decodes one frame body; a short body, an unknown type or a bad begin packet is an error. */
    static Frame decode(byte[] b) throws ProtocolException {
        if (b.length < 5) throw new ProtocolException("Invalid response size " + b.length);
        int session = Wire.getInt(b, 0);
        int type = b[4] & 0xff;
        return switch (type) {
            case ERROR, OK, MULTI_PART, MULTI_END -> new Frame(session, type, Arrays.copyOfRange(b, 5, b.length), -1);
            case MULTI_BEGIN -> {
                if (b.length != 9) throw new ProtocolException("Invalid multi-part response begin size " + b.length);
                yield new Frame(session, type, null, Wire.getInt(b, 5));
            }
            default -> throw new ProtocolException("Invalid response type " + type);
        };
    }
}
