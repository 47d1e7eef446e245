package io.skynetj.crypt;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import org.luaj.vm2.LuaError;

/**
 * skynet's base64: encoding is the standard one (the JDK's). Decoding is skynet's lenient variant,
 * which the JDK's decoder does not match: characters outside the alphabet are skipped, missing
 * trailing '=' are assumed, and decoding goes on after a padded group.
 */
final class SkynetBase64 {
    private static final int SKIP = -1, PAD = -2;
    private static final int[] VALUE = new int[256];

    static {
        java.util.Arrays.fill(VALUE, SKIP);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; i++) VALUE[alphabet.charAt(i)] = i;
        VALUE['='] = PAD;
    }

    private SkynetBase64() {}

    static byte[] encode(byte[] data) {
        return Base64.getEncoder().encode(data);
    }

    static byte[] decode(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 4 * 3 + 3);
        int i = 0;
        while (i < text.length) {
            int[] c = new int[4];
            int pads = 0;
            for (int j = 0; j < 4; i++) {
                c[j] = i >= text.length ? PAD : VALUE[text[i] & 0xff];
                if (c[j] == SKIP) continue;
                if (c[j] == PAD) pads++;
                j++;
            }
            switch (pads) {
                case 0 -> {
                    int v = c[0] << 18 | c[1] << 12 | c[2] << 6 | c[3];
                    out.write(v >> 16);
                    out.write(v >> 8);
                    out.write(v);
                }
                case 1 -> {
                    if (c[3] != PAD || (c[2] & 3) != 0) throw invalid();
                    int v = c[0] << 10 | c[1] << 4 | c[2] >> 2;
                    out.write(v >> 8);
                    out.write(v);
                }
                case 2 -> {
                    if (c[3] != PAD || c[2] != PAD || (c[1] & 0xf) != 0) throw invalid();
                    out.write(c[0] << 2 | c[1] >> 4);
                }
                default -> throw invalid();
            }
        }
        return out.toByteArray();
    }

    private static LuaError invalid() {
        return new LuaError("Invalid base64 text");
    }
}
