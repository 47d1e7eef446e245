package io.skynetj.crypt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * skynet's 64-bit hashes: hashkey (a djb hash and a JS hash side by side), hmac64 (one MD5
 * compression of the two keys, with no padding and no final addition), hmac64_md5 (a real MD5 of
 * the keys repeated, folded to 8 bytes) and hmac_hash (hmac64 of a text's hashkey with a key).
 */
final class Hash64 {
    private static final int[] SINES = new int[64];
    private static final int[] SHIFTS = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

    static {
        // MD5's additive constants: the integer part of |sin(i + 1)| * 2^32 (exact in double precision)
        for (int i = 0; i < 64; i++) SINES[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
    }

    private Hash64() {}

    static byte[] hashkey(byte[] text) {
        int djb = 5381, js = 1315423911;
        for (byte b : text) {
            int c = b & 0xff;
            djb += (djb << 5) + c;
            js ^= (js << 5) + c + (js >>> 2);
        }
        return Bytes.le64(djb, js);
    }

    /** x and y are 8-byte strings; words are fed high word first, four times over. */
    static byte[] hmac64(byte[] x, byte[] y) {
        long xv = Bytes.le64(x), yv = Bytes.le64(y);
        int[] w = new int[16];
        for (int i = 0; i < 16; i += 4) {
            w[i] = (int) (xv >>> 32);
            w[i + 1] = (int) xv;
            w[i + 2] = (int) (yv >>> 32);
            w[i + 3] = (int) yv;
        }
        int[] r = compress(w);
        return Bytes.le64(r[2] ^ r[3], r[0] ^ r[1]);
    }

    static byte[] hmac64Md5(byte[] x, byte[] y) {
        byte[] three = new byte[48];
        for (int i = 0; i < 48; i += 16) {
            System.arraycopy(x, 0, three, i, 8);
            System.arraycopy(y, 0, three, i + 8, 8);
        }
        byte[] m = md5(three);
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) out[i] = (byte) (m[i] ^ m[i + 8]);
        return out;
    }

    static byte[] hmacHash(byte[] key, byte[] text) {
        return hmac64(hashkey(text), key);
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** The 64 steps of MD5 over one block from the standard initial state; returns a, b, c, d as they end. */
    private static int[] compress(int[] w) {
        int a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
        for (int i = 0; i < 64; i++) {
            int f, g;
            switch (i >> 4) {
                case 0 -> { f = (b & c) | (~b & d); g = i; }
                case 1 -> { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
                case 2 -> { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
                default -> { f = c ^ (b | ~d); g = (7 * i) & 15; }
            }
            int next = b + Integer.rotateLeft(a + f + SINES[i] + w[g], SHIFTS[(i >> 4) * 4 + (i & 3)]);
            a = d;
            d = c;
            c = b;
            b = next;
        }
        return new int[] {a, b, c, d};
    }
}
