package io.skynetj.crypt;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.luaj.vm2.LuaError;

/**
 * skynet's desencode/desdecode: single DES in ECB mode (the JDK's DES gives the same blocks) with
 * skynet's padding, always added: ISO 7816-4 (0x80 then zeros, mode 0) or PKCS#7 (mode 1).
 */
final class Des {
    static final int ISO7816_4 = 0;
    static final int PKCS7 = 1;

    private Des() {}

    static byte[] encode(byte[] key, byte[] text, int mode) {
        checkKey(key);
        checkMode(mode);
        int full = text.length & ~7;
        byte[] padded = new byte[full + 8];
        System.arraycopy(text, 0, padded, 0, text.length);
        int used = text.length - full;
        if (mode == ISO7816_4) {
            padded[text.length] = (byte) 0x80; // the rest is already zero
        } else {
            for (int i = text.length; i < padded.length; i++) padded[i] = (byte) (8 - used);
        }
        return run(Cipher.ENCRYPT_MODE, key, padded);
    }

    static byte[] decode(byte[] key, byte[] text, int mode) {
        checkKey(key);
        if ((text.length & 7) != 0 || text.length == 0)
            throw new LuaError("Invalid des crypt text length " + text.length);
        checkMode(mode);
        byte[] plain = run(Cipher.DECRYPT_MODE, key, text);
        int padding = mode == ISO7816_4 ? isoPadding(plain) : pkcs7Padding(plain);
        if (padding <= 0 || padding > 8) throw new LuaError("Invalid des crypt text");
        return java.util.Arrays.copyOf(plain, plain.length - padding);
    }

    /** Zeros back from the end up to a 0x80 within the last 8 bytes; 0 when there is none. */
    private static int isoPadding(byte[] b) {
        int padding = 1;
        for (int i = b.length - 1; i >= b.length - 8; i--) {
            if (b[i] == 0) padding++;
            else if (b[i] == (byte) 0x80) return padding;
            else break;
        }
        return 0;
    }

    private static int pkcs7Padding(byte[] b) {
        int padding = b[b.length - 1] & 0xff;
        if (padding == 0 || padding > 8) return 0;
        for (int i = 1; i < padding; i++) if ((b[b.length - 1 - i] & 0xff) != padding) return 0;
        return padding;
    }

    private static void checkMode(int mode) {
        if (mode != ISO7816_4 && mode != PKCS7) throw new LuaError("Invalid padding mode " + mode);
    }

    private static void checkKey(byte[] key) {
        if (key.length != 8) throw new LuaError("Invalid key size " + key.length + ", need 8 bytes");
    }

    private static byte[] run(int direction, byte[] key, byte[] blocks) {
        try {
            Cipher c = Cipher.getInstance("DES/ECB/NoPadding");
            c.init(direction, new SecretKeySpec(key, "DES"));
            return c.doFinal(blocks);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's DES is unavailable", e);
        }
    }
}
