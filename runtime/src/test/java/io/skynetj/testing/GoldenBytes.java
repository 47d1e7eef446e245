package io.skynetj.testing;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Byte strings written as the reference writes them: hex with spaces and '|' between frames. */
public final class GoldenBytes {
    private GoldenBytes() {}

    /** Bytes from hex digits; spaces and '|' separators are ignored. */
    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", "").replace("|", ""));
    }

    /** Hex digits, a space between bytes (for readable assertion messages). */
    public static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
