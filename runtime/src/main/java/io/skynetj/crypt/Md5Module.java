package io.skynetj.crypt;

import io.skynetj.lua.lib.LuaFn;
import java.io.ByteArrayOutputStream;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.Varargs;

/**
 * {@code require "md5.core"}, the C half of skynet's {@code md5} module (lua/md5.lua adds sumhexa and
 * hmacmd5): sum, exor, and crypt/decrypt, MD5 used as a stream cipher in cipher-feedback mode.
 */
final class Md5Module {
    private static final int BLOCK = 16;
    private static final int MAX_KEY = 256;

    private Md5Module() {}

    static LuaTable create() {
        LuaTable m = new LuaTable();
        m.set("sum", LuaFn.of("sum", a -> Bytes.string(Hash64.md5(Bytes.arg(a, 1)))));
        m.set("exor", LuaFn.of("exor", a -> Bytes.string(exor(a))));
        m.set("crypt", LuaFn.of("crypt", a -> Bytes.string(crypt(a))));
        m.set("decrypt", LuaFn.of("decrypt", a -> Bytes.string(decrypt(a))));
        return m;
    }

    private static byte[] exor(Varargs a) {
        byte[] x = Bytes.arg(a, 1), y = Bytes.arg(a, 2);
        if (x.length != y.length) throw new LuaError("bad argument #2 to 'exor' (lengths must be equal)");
        byte[] out = new byte[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (byte) (x[i] ^ y[i]);
        return out;
    }

    /** crypt(message, key [, seed]): the seed (default: the time) and its length, then the cipher text. */
    private static byte[] crypt(Varargs a) {
        byte[] message = Bytes.arg(a, 1);
        byte[] seed = a.narg() < 3 ? Bytes.le64(System.currentTimeMillis() / 1000) : Bytes.arg(a, 3);
        if (seed.length > BLOCK) throw new LuaError("seed too long (> " + BLOCK + ")");
        byte[] block = block(seed, a);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + seed.length + message.length);
        out.write(seed.length);
        out.writeBytes(seed);
        out.writeBytes(stream(message, block, true));
        return out.toByteArray();
    }

    private static byte[] decrypt(Varargs a) {
        byte[] text = Bytes.arg(a, 1);
        // skynet reads the length byte as a signed char: 0x80 and above can never fit
        int seedLength = text.length == 0 ? 0 : text[0];
        if (seedLength < 0 || text.length < seedLength + 1 || seedLength > BLOCK) throw new LuaError("bad argument #1 to 'decrypt' (invalid cyphered string)");
        byte[] seed = java.util.Arrays.copyOfRange(text, 1, 1 + seedLength);
        byte[] block = block(seed, a);
        return stream(java.util.Arrays.copyOfRange(text, 1 + seedLength, text.length), block, false);
    }

    /** The seed padded with zeros to 16 bytes, then the key (argument 2). */
    private static byte[] block(byte[] seed, Varargs a) {
        byte[] key = Bytes.arg(a, 2);
        if (key.length > MAX_KEY) throw new LuaError("key too long (> " + MAX_KEY + ")");
        byte[] block = new byte[BLOCK + key.length];
        System.arraycopy(seed, 0, block, 0, seed.length);
        System.arraycopy(key, 0, block, BLOCK, key.length);
        return block;
    }

    /** Each 16-byte piece is xored with the MD5 of the block; the cipher text piece then leads the block. */
    private static byte[] stream(byte[] in, byte[] block, boolean encrypting) {
        byte[] out = new byte[in.length];
        for (int pos = 0; pos < in.length; pos += BLOCK) {
            byte[] code = Hash64.md5(block);
            int n = Math.min(BLOCK, in.length - pos);
            for (int i = 0; i < n; i++) out[pos + i] = (byte) (code[i] ^ in[pos + i]);
            System.arraycopy(encrypting ? out : in, pos, block, 0, n);
        }
        return out;
    }
}
