package io.skynetj.lua;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.luaj.vm2.LightUserdata;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

/**
 * skynet's light userdata (a C pointer) for the Java modules that stand in for skynet's C modules
 * (skynet.multicast.core, skynet.sharedata.core, ...): an address in a process-wide table of Java
 * objects. The Lua value is a light userdata (type userdata, no metatable) whose instance is this record, so two
 * values of one address are equal and the same table key, as light userdata are. skynet.pack writes
 * it as lua-seri's pointer (type 3, 8 bytes), so it can travel between the services of the process
 * as skynet's pointers do. What an address holds is freed by whoever owns it, as in C; reading a
 * freed address raises an error instead of reading stray memory.
 */
public record Pointer(long address) {
    private static final AtomicLong NEXT = new AtomicLong(0x10000);
    private static final ConcurrentHashMap<Long, Object> HEAP = new ConcurrentHashMap<>();

    /** Keeps {@code object} at a new address and returns the pointer to it. */
    public static LuaUserdata allocate(Object object) {
        long address = NEXT.addAndGet(16);
        HEAP.put(address, object);
        return value(address);
    }

    public static LuaUserdata value(long address) {
        return new LightUserdata(new Pointer(address));
    }

    /** The pointer's address, or 0 when {@code v} is not a light userdata. */
    public static long address(LuaValue v) {
        return v.isuserdata() && v.touserdata() instanceof Pointer p ? p.address : 0;
    }

    /** What the pointer {@code v} points to, of type {@code type}; a Lua error naming {@code what} otherwise. */
    public static <T> T deref(LuaValue v, Class<T> type, String what) {
        long address = address(v);
        Object o = address == 0 ? null : HEAP.get(address);
        if (!type.isInstance(o)) throw new LuaError(address == 0 ? what + " expected, got " + v.typename() : "invalid " + what + " pointer");
        return type.cast(o);
    }

    /** Frees what the pointer {@code v} points to (nothing when it points nowhere). */
    public static void free(LuaValue v) {
        long address = address(v);
        if (address != 0) HEAP.remove(address);
    }

    /** The bytes at the pointer (memory a message was packed to), or null when it holds something else. */
    static byte[] bytes(long address) {
        return HEAP.get(address) instanceof byte[] b ? b : null;
    }
}
