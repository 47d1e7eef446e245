package io.skynetj.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A message payload as Lua sees it: skynet's {@code (msg, sz)} pair, where msg is a userdata
 * holding the bytes (skynet: a C pointer). Strings are accepted wherever a payload is, and so is a
 * {@link Pointer} that points to bytes (a payload that travelled inside another message).
 */
public final class Payload {
    private Payload() {}

    public static LuaUserdata wrap(byte[] data) {
        return new LuaUserdata(data);
    }

    /** The bytes of {@code (msg, sz)} at {@code args[index]}; a string stands for itself. */
    public static byte[] bytes(Varargs args, int index) {
        LuaValue msg = args.arg(index);
        long address = Pointer.address(msg);
        if (address != 0) {
            byte[] b = Pointer.bytes(address);
            if (b == null) throw new LuaError("bad message: the pointer does not point to a message");
            return sized(b, args, index);
        }
        if (msg.isuserdata() && msg.touserdata() instanceof byte[] b) return sized(b, args, index);
        if (msg.type() == LuaValue.TSTRING) return stringBytes(msg.checkstring());
        if (msg.isnil()) return io.skynetj.kernel.Message.EMPTY;
        throw new LuaError("bad message: " + msg.typename() + " (string or packed message expected)");
    }

    private static byte[] sized(byte[] b, Varargs args, int index) {
        // as a 64-bit number: an int conversion wrapped 2^40 round to 0 (an empty message)
        long sz = args.isnumber(index + 1) ? args.checklong(index + 1) : b.length;
        if (sz == b.length) return b;
        if (sz < 0 || sz > b.length) throw new LuaError("invalid message size " + args.arg(index + 1).tojstring());
        return java.util.Arrays.copyOf(b, (int) sz);
    }

    /** A string's bytes without a copy when the string owns its whole array (strings are immutable). */
    public static byte[] stringBytes(LuaString s) {
        if (s.m_offset == 0 && s.m_length == s.m_bytes.length) return s.m_bytes;
        byte[] b = new byte[s.m_length];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    public static LuaString string(byte[] data) {
        return LuaString.valueUsing(data);
    }
}
