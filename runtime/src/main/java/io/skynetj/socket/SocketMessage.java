package io.skynetj.socket;

import java.nio.charset.StandardCharsets;

/**
 * The payload of a PTYPE_SOCKET message: skynet's {@code skynet_socket_message} (type, id, ud and a
 * buffer or a short text) laid out as bytes, because messages carry byte arrays here: one type byte,
 * the id and ud as 4-byte big-endian ints, then the data (for UDP: the data, then the sender address).
 */
public final class SocketMessage {
    private SocketMessage() {}

    public static final int DATA = 1;
    public static final int CONNECT = 2;
    public static final int CLOSE = 3;
    public static final int ACCEPT = 4;
    public static final int ERROR = 5;
    public static final int UDP = 6;
    public static final int WARNING = 7;

    static final int HEADER = 9;
    /** skynet cuts the text of connect/accept/error messages to 128 bytes. */
    private static final int MAX_TEXT = 128;

    static byte[] encode(int type, int id, int ud, byte[] data, int length) {
        byte[] m = new byte[HEADER + length];
        if (length > 0) System.arraycopy(data, 0, m, HEADER, length);
        return header(m, type, id, ud);
    }

    /** Fills the header of a message whose data was written in place after {@link #HEADER} bytes. */
    static byte[] header(byte[] m, int type, int id, int ud) {
        m[0] = (byte) type;
        putInt(m, 1, id);
        putInt(m, 5, ud);
        return m;
    }

    static byte[] text(int type, int id, int ud, String text) {
        byte[] t = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        return encode(type, id, ud, t, Math.min(t.length, MAX_TEXT));
    }

    /** True for the kinds whose data is a text (skynet's padded messages). */
    public static boolean hasText(int type) {
        return type == CONNECT || type == ACCEPT || type == ERROR;
    }

    public static int type(byte[] m) {
        check(m);
        return m[0];
    }

    public static int id(byte[] m) {
        check(m);
        return getInt(m, 1);
    }

    public static int ud(byte[] m) {
        check(m);
        return getInt(m, 5);
    }

    /** Bytes after the header (data, text, or UDP data followed by the address). */
    public static int dataLength(byte[] m) {
        return m.length - HEADER;
    }

    public static int dataOffset() {
        return HEADER;
    }

    private static void check(byte[] m) {
        if (m.length < HEADER) throw new IllegalArgumentException("not a socket message (" + m.length + " bytes)");
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
