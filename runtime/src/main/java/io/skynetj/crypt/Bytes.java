package io.skynetj.crypt;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Lua string arguments as bytes, and little-endian 64-bit words as skynet's crypt functions read them. */
final class Bytes {
    private Bytes() {}

    /** Argument {@code i} as a string (numbers converted, as luaL_checklstring does), copied out. */
    static byte[] arg(Varargs a, int i) {
        LuaString s = a.checkstring(i);
        byte[] out = new byte[s.m_length];
        System.arraycopy(s.m_bytes, s.m_offset, out, 0, s.m_length);
        return out;
    }

    static LuaValue string(byte[] b) {
        return LuaString.valueUsing(b);
    }

    /** Reads 8 bytes as a little-endian unsigned 64-bit value. */
    static long le64(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[i] & 0xff);
        return v;
    }

    static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    /** Two 32-bit words (low first) as 8 little-endian bytes. */
    static byte[] le64(int lo, int hi) {
        return le64((lo & 0xffffffffL) | (long) hi << 32);
    }
}
