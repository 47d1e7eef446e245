package io.skynetj.sproto;

import org.luaj.vm2.LuaError;

/** sprotoloader's 16 numbered slots where a service saves a schema for the node's other services. */
final class SprotoSlots {
    static final int COUNT = 16;
    private final SprotoSchema[] slots = new SprotoSchema[COUNT];

    synchronized void save(int index, SprotoSchema schema) {
        slots[check(index)] = schema;
    }

    synchronized SprotoSchema load(int index) {
        SprotoSchema s = slots[check(index)];
        if (s == null) throw new LuaError("nil sproto at index " + index);
        return s;
    }

    private static int check(int index) {
        if (index < 0 || index >= COUNT) throw new LuaError("Invalid global slot index " + index);
        return index;
    }
}
