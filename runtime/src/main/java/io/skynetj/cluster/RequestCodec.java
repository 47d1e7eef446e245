package io.skynetj.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Request packets, connector to listener ({@code lua-cluster.c} packrequest/unpackrequest). The first
 * body byte is the tag; a payload of 32 KiB or more is sent as a header and 32 KiB parts.
 */
final class RequestCodec {
    private RequestCodec() {}

    static final int SMALL_NUMBER = 0x00;
    static final int SMALL_NAME = 0x80;
    static final int LARGE_NUMBER = 0x01;
    static final int LARGE_NUMBER_PUSH = 0x41;
    static final int LARGE_NAME = 0x81;
    static final int LARGE_NAME_PUSH = 0xc1;
    static final int PART = 0x02;
    static final int LAST_PART = 0x03;
    static final int TRACE = 0x04;

    /** True when a payload goes out as a header and parts ({@code sz >= 0x8000}, as on the wire). */
    static boolean isLarge(byte[] payload) {
        return payload.length >= Wire.CHUNK;
    }

    /**
     * The frames of one request or push. A small push carries session 0; a large one needs a session
     * of its own (the receiver reassembles by session), so the caller passes one.
     */
    static List<byte[]> encode(Destination dest, int session, byte[] payload, boolean push) {
        if (!isLarge(payload)) return List.of(small(dest, push ? 0 : session, payload));
        List<byte[]> frames = new ArrayList<>(2 + payload.length / Wire.CHUNK);
        frames.add(header(dest, session, payload.length, push));
        for (int off = 0; off < payload.length; off += Wire.CHUNK) {
            int n = Math.min(Wire.CHUNK, payload.length - off);
            byte[] f = Wire.frame(5 + n);
            f[2] = (byte) (off + n == payload.length ? LAST_PART : PART);
            Wire.putInt(f, 3, session);
            System.arraycopy(payload, off, f, 7, n);
            frames.add(f);
        }
        return frames;
    }

    private static byte[] small(Destination dest, int session, byte[] payload) {
        byte[] f;
        int p;
        if (dest.isName()) {
            int nl = dest.name().length;
            f = Wire.frame(6 + nl + payload.length);
            f[2] = (byte) SMALL_NAME;
            f[3] = (byte) nl;
            System.arraycopy(dest.name(), 0, f, 4, nl);
            p = 4 + nl;
        } else {
            f = Wire.frame(9 + payload.length);
            f[2] = SMALL_NUMBER;
            Wire.putInt(f, 3, dest.handle());
            p = 7;
        }
        Wire.putInt(f, p, session);
        System.arraycopy(payload, 0, f, p + 4, payload.length);
        return f;
    }

    private static byte[] header(Destination dest, int session, int size, boolean push) {
        byte[] f;
        int p;
        if (dest.isName()) {
            int nl = dest.name().length;
            f = Wire.frame(10 + nl);
            f[2] = (byte) (push ? LARGE_NAME_PUSH : LARGE_NAME);
            f[3] = (byte) nl;
            System.arraycopy(dest.name(), 0, f, 4, nl);
            p = 4 + nl;
        } else {
            f = Wire.frame(13);
            f[2] = (byte) (push ? LARGE_NUMBER_PUSH : LARGE_NUMBER);
            Wire.putInt(f, 3, dest.handle());
            p = 7;
        }
        Wire.putInt(f, p, session);
        Wire.putInt(f, p + 4, size);
        return f;
    }

    /** One decoded request frame. */
    sealed interface Frame {}

    /** A whole request (session > 0) or push (session 0). */
    record Whole(Destination dest, int session, byte[] payload) implements Frame {}

    /** The start of a large request or push: {@code size} payload bytes follow in parts. */
    record Header(Destination dest, int session, int size, boolean push) implements Frame {}

    record Part(int session, byte[] chunk, boolean last) implements Frame {}

    /** A trace tag for the next request. */
    record Trace(byte[] tag) implements Frame {}

    /** Decodes one frame body; throws for an empty body, an unknown tag or a truncated packet. */
    static Frame decode(byte[] b) throws ProtocolException {
        if (b.length == 0) throw new ProtocolException("Invalid request package size 0");
        int tag = b[0] & 0xff;
        switch (tag) {
            case SMALL_NUMBER -> {
                need(b, 9);
                return new Whole(Destination.handle(Wire.getInt(b, 1)), Wire.getInt(b, 5), Arrays.copyOfRange(b, 9, b.length));
            }
            case SMALL_NAME -> {
                int p = nameEnd(b);
                need(b, p + 4);
                return new Whole(name(b), Wire.getInt(b, p), Arrays.copyOfRange(b, p + 4, b.length));
            }
            case LARGE_NUMBER, LARGE_NUMBER_PUSH -> {
                if (b.length != 13) throw new ProtocolException("Invalid large request header size " + b.length);
                return new Header(Destination.handle(Wire.getInt(b, 1)), Wire.getInt(b, 5), Wire.getInt(b, 9), tag == LARGE_NUMBER_PUSH);
            }
            case LARGE_NAME, LARGE_NAME_PUSH -> {
                int p = nameEnd(b);
                if (b.length != p + 8) throw new ProtocolException("Invalid large request header size " + b.length);
                return new Header(name(b), Wire.getInt(b, p), Wire.getInt(b, p + 4), tag == LARGE_NAME_PUSH);
            }
            case PART, LAST_PART -> {
                need(b, 5);
                return new Part(Wire.getInt(b, 1), Arrays.copyOfRange(b, 5, b.length), tag == LAST_PART);
            }
            case TRACE -> {
                return new Trace(Arrays.copyOfRange(b, 1, b.length));
            }
            default -> throw new ProtocolException("Invalid request package type " + tag);
        }
    }

    /** Offset just past the name of a 0x80/0x81/0xc1 packet. */
    private static int nameEnd(byte[] b) throws ProtocolException {
        need(b, 2);
        int nl = b[1] & 0xff;
        if (nl == 0) throw new ProtocolException("Invalid request name length 0");
        return 2 + nl;
    }

    private static Destination name(byte[] b) {
        return Destination.name(Arrays.copyOfRange(b, 2, 2 + (b[1] & 0xff)));
    }

    private static void need(byte[] b, int n) throws ProtocolException {
        if (b.length < n) throw new ProtocolException("Invalid request package size " + b.length);
    }
}
