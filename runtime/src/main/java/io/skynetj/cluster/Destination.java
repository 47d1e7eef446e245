package io.skynetj.cluster;

import io.skynetj.kernel.Address;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * The address part of a cluster request: a service handle on the remote node (0 is the name query),
 * or a name string of 1..255 bytes ({@code "@name"}, {@code ".name"}, {@code ":0000000a"}, ...), kept
 * as raw bytes so it crosses the wire unchanged.
 */
record Destination(int handle, byte[] name) {
    private static final int MAX_NAME = 255;

    static Destination handle(int handle) {
        return new Destination(handle, null);
    }

    static Destination name(byte[] name) {
        if (name.length == 0 || name.length > MAX_NAME)
            throw new IllegalArgumentException("name length is invalid, must be between 1 and " + MAX_NAME);
        return new Destination(0, name);
    }

    /** The address argument of {@code cluster.call}/{@code send}: a number or a string. */
    static Destination of(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) return handle((int) (long) v.todouble());
        if (v.type() == LuaValue.TSTRING) {
            LuaString s = v.checkstring();
            byte[] b = new byte[s.m_length];
            s.copyInto(0, b, 0, b.length);
            return name(b);
        }
        throw new IllegalArgumentException("invalid cluster address type " + v.typename() + " (number or string expected)");
    }

    boolean isName() {
        return name != null;
    }

    /** The name as Lua code sees it (the string LuaJ makes of these bytes). */
    String text() {
        return LuaString.valueUsing(name).tojstring();
    }

    @Override
    public String toString() {
        if (isName()) return text();
        return handle == 0 ? "query" : Address.format(handle);
    }
}
