package io.skynetj.lua;

import io.skynetj.kernel.Execution;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.luaj.vm2.CallFrames;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;

/**
 * An estimate of the bytes a Lua service keeps live: what is reachable from its globals, its message
 * callback, its hand-over hooks and the registers of its running and suspended coroutines, each object
 * counted once, by a rough JVM size (compressed references): a table 64 bytes plus 16 per entry, a
 * string 40 plus its length, a closure 32 plus 24 per upvalue, a boxed number 16. Compiled code is not
 * counted (the code cache shares it between services). skynet counts the bytes its Lua allocator hands
 * out, garbage included until collected; this counts live objects only, so it is lower for a service
 * that churns, and measured rather than maintained: a walk of the reachable objects, O(their number).
 *
 * <p>The registers of coroutines are read from LuaJ's {@link CallFrames}. A walk may
 * stop early: when the total passes {@code stopAbove}, or after {@code maxObjects} objects.
 */
final class LuaFootprint {
    private final long stopAbove;
    private final int maxObjects;
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    private final ArrayDeque<Object> todo = new ArrayDeque<>();
    private long bytes;

    private LuaFootprint(long stopAbove, int maxObjects) {
        this.stopAbove = stopAbove;
        this.maxObjects = maxObjects;
    }

    /** The estimated live bytes of {@code body}; called by the service's baton holder. */
    static long measure(LuaServiceBody body, long stopAbove, int maxObjects) {
        LuaFootprint f = new LuaFootprint(stopAbove, maxObjects);
        f.add(body.globals);
        f.add(body.callback);
        f.add(body.snapshotHook);
        f.add(body.restoreHook);
        f.add(body.globals.running);
        Execution current = body.service.current();
        if (current != null) f.add(current.attachment());
        for (Execution e : body.service.suspended()) f.add(e.attachment());
        f.walk();
        return f.bytes;
    }

    private void add(Object o) {
        if (o instanceof LuaNumber) {
            bytes += 16;
            return;
        }
        if (!(o instanceof LuaTable || o instanceof LuaString || o instanceof LuaClosure || o instanceof LuaThread
            || o instanceof LuaUserdata || o instanceof Object[])) return; // nil, booleans, Java functions
        if (seen.put(o, Boolean.TRUE) == null) todo.push(o);
    }

    private void walk() {
        Object o;
        while ((o = todo.poll()) != null && bytes <= stopAbove && seen.size() <= maxObjects) visit(o);
    }

    private void visit(Object o) {
        switch (o) {
            case LuaString s -> bytes += 40 + s.m_length;
            case LuaTable t -> {
                bytes += 64;
                // a library table not filled yet holds only what it made for this service (walking it would fill it)
                LibraryTable pending = t instanceof LibraryTable l && l.pending() ? l : null;
                if (pending == null) add(t.getmetatable());
                LuaValue k = LuaValue.NIL;
                for (;;) {
                    Varargs n = pending != null ? pending.ownNext(k) : t.next(k);
                    if ((k = n.arg1()).isnil()) break;
                    bytes += 16;
                    add(k);
                    add(n.arg(2));
                }
            }
            case LuaClosure c -> {
                bytes += 32;
                UpValue[] ups = c.upValues;
                if (ups != null) for (UpValue u : ups) {
                    bytes += 24;
                    if (u != null) add(u.getValue());
                }
            }
            case LuaThread th -> {
                bytes += 128;
                add(CallFrames.closuresAndRegisters(th));
            }
            case LuaUserdata u -> {
                bytes += 32 + (u.m_instance instanceof byte[] b ? b.length : 0);
                add(u.m_metatable);
            }
            case Object[] a -> {
                bytes += 16 + 4L * a.length;
                for (Object x : a) add(x);
            }
            default -> { }
        }
    }
}
