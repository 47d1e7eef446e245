package io.skynetj.crypt;

import org.luaj.vm2.LuaError;

/**
 * skynet's hexencode (lower case) and hexdecode. Decoding accepts what skynet's does: digits and
 * 'a'..'g', where 'g' counts as 16 (its high bits are lost when the byte is formed); anything else,
 * upper case included, is an error.
 */
final class Hex {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Hex() {}

    static byte[] encode(byte[] data) {
        byte[] out = new byte[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            out[2 * i] = DIGITS[(data[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[data[i] & 0xf];
        }
        return out;
    }

    static byte[] decode(byte[] text) {
        if ((text.length & 1) != 0) throw new LuaError("Invalid hex text size " + text.length);
        byte[] out = new byte[text.length / 2];
        for (int i = 0; i < text.length; i += 2) out[i / 2] = (byte) (digit(text[i]) << 4 | digit(text[i + 1]));
        return out;
    }

    private static int digit(byte c) {
        int v = c >= '0' && c <= '9' ? c - '0' : (c - 'a' + 10) & 0xff;
        if (v > 16) throw new LuaError("Invalid hex text");
        return v;
    }
}
