package io.skynetj.crypt;

import io.skynetj.lua.lib.LuaFn;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.crypt"} (also {@code client.crypt}): skynet's crypt functions, giving the
 * same bytes as skynet's C module for the same input. The function objects keep no state and are
 * made once; every service gets its own table of them.
 */
final class CryptModule {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final LuaTable FUNCTIONS = functions();

    private CryptModule() {}

    static LuaTable create() {
        LuaTable m = new LuaTable();
        for (Varargs n = FUNCTIONS.next(LuaValue.NIL); !n.arg1().isnil(); n = FUNCTIONS.next(n.arg1()))
            m.rawset(n.arg1(), n.arg(2));
        LuaTable padding = new LuaTable();
        padding.set("iso7816_4", Des.ISO7816_4);
        padding.set("pkcs7", Des.PKCS7);
        m.set("padding", padding);
        return m;
    }

    private static LuaTable functions() {
        LuaTable t = new LuaTable();
        def(t, "hashkey", a -> Hash64.hashkey(Bytes.arg(a, 1)));
        def(t, "randomkey", a -> randomkey());
        def(t, "desencode", a -> Des.encode(Bytes.arg(a, 1), Bytes.arg(a, 2), a.optint(3, Des.ISO7816_4)));
        def(t, "desdecode", a -> Des.decode(Bytes.arg(a, 1), Bytes.arg(a, 2), a.optint(3, Des.ISO7816_4)));
        def(t, "hexencode", a -> Hex.encode(Bytes.arg(a, 1)));
        def(t, "hexdecode", a -> Hex.decode(Bytes.arg(a, 1)));
        def(t, "hmac64", a -> Hash64.hmac64(word(a, 1, "Invalid uint64 x"), word(a, 2, "Invalid uint64 y")));
        def(t, "hmac64_md5", a -> Hash64.hmac64Md5(word(a, 1, "Invalid uint64 x"), word(a, 2, "Invalid uint64 y")));
        def(t, "hmac_hash", a -> Hash64.hmacHash(word(a, 1, "Invalid uint64 key"), Bytes.arg(a, 2)));
        def(t, "dhexchange", a -> Bytes.le64(DiffieHellman.exchange(nonZero(word(a, 1, "Invalid dh uint64 key")))));
        def(t, "dhsecret", a -> {
            long peer = Bytes.le64(word(a, 1, "Invalid uint64 x")), secret = Bytes.le64(word(a, 2, "Invalid uint64 y"));
            if (peer == 0 || secret == 0) throw new LuaError("Can't be 0");
            return Bytes.le64(DiffieHellman.secret(peer, secret));
        });
        def(t, "base64encode", a -> SkynetBase64.encode(Bytes.arg(a, 1)));
        def(t, "base64decode", a -> SkynetBase64.decode(Bytes.arg(a, 1)));
        def(t, "sha1", a -> sha1(Bytes.arg(a, 1)));
        def(t, "hmac_sha1", a -> hmacSha1(Bytes.arg(a, 1), Bytes.arg(a, 2)));
        def(t, "xor_str", a -> xor(Bytes.arg(a, 1), Bytes.arg(a, 2)));
        return t;
    }

    private interface BytesFn {
        byte[] apply(Varargs a);
    }

    private static void def(LuaTable t, String name, BytesFn f) {
        t.rawset(name, LuaFn.of(name, a -> Bytes.string(f.apply(a))));
    }

    /** Argument {@code i}, which must be 8 bytes. */
    private static byte[] word(Varargs a, int i, String error) {
        byte[] b = Bytes.arg(a, i);
        if (b.length != 8) throw new LuaError(error);
        return b;
    }

    private static long nonZero(byte[] word) {
        long v = Bytes.le64(word);
        if (v == 0) throw new LuaError("Can't be 0");
        return v;
    }

    /** 8 random bytes whose xor is not zero (skynet sets the low bit of the first byte otherwise). */
    private static byte[] randomkey() {
        byte[] key = new byte[8];
        RANDOM.nextBytes(key);
        byte x = 0;
        for (byte b : key) x ^= b;
        if (x == 0) key[0] |= 1;
        return key;
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** HMAC-SHA1; an empty key is the same as a block of zeros, which the JDK's key class accepts. */
    private static byte[] hmacSha1(byte[] key, byte[] text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA1"));
            return mac.doFinal(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    }

    private static byte[] xor(byte[] s, byte[] with) {
        if (with.length == 0) throw new LuaError("Can't xor empty string");
        byte[] out = new byte[s.length];
        for (int i = 0; i < s.length; i++) out[i] = (byte) (s[i] ^ with[i % with.length]);
        return out;
    }
}
