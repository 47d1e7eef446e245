package io.skynetj.share;

import io.skynetj.lua.Pointer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One table of a skynet.sharedata.core conf object: an array part (the source's {@code 1..#t}) and a
 * hash part of integer and string keys, never written after it is built, so every service reads it
 * at once. Each table has its own light userdata address (skynet: a {@code struct table *}); a
 * sub-table is read as that pointer. All tables of one conf share its {@link State}.
 */
final class ConfTable {
    /** skynet's {@code struct state}: the dirty flag and the reference count sharedatad keeps. */
    static final class State {
        volatile boolean dirty;
        final AtomicInteger ref = new AtomicInteger();
    }

    final State state;
    final LuaValue pointer;
    private final LuaValue[] array;
    private final LuaValue[] keys;
    private final LuaValue[] values;
    /** key -> its position in keys/values */
    private final LuaTable positions = new LuaTable();
    private final List<ConfTable> children = new ArrayList<>();

    private ConfTable(State state, LuaTable source, IdentityHashMap<LuaTable, Boolean> open) {
        if (open.put(source, Boolean.TRUE) != null) throw new LuaError("Can't share a table that contains itself");
        this.state = state;
        this.pointer = Pointer.allocate(this);
        int n = source.rawlen();
        array = new LuaValue[n];
        for (int i = 0; i < n; i++) array[i] = value(source.rawget(i + 1), open);
        List<LuaValue> k = new ArrayList<>();
        List<LuaValue> v = new ArrayList<>();
        for (Varargs next = source.next(LuaValue.NIL); !next.arg1().isnil(); next = source.next(next.arg1())) {
            LuaValue key = next.arg1();
            if (key.type() == LuaValue.TNUMBER) {
                if (!(key instanceof LuaInteger)) throw new LuaError(String.format("Invalid key %f", key.todouble()));
                long i = key.tolong();
                if (i > 0 && i <= n) continue;
            } else if (key.type() != LuaValue.TSTRING) {
                throw new LuaError("Invalid key type " + key.typename());
            }
            positions.rawset(key, LuaValue.valueOf(k.size()));
            k.add(key);
            v.add(value(next.arg(2), open));
        }
        keys = k.toArray(new LuaValue[0]);
        values = v.toArray(new LuaValue[0]);
        open.remove(source);
    }

    /** A new conf object (skynet's {@code core.new(t)}): its root table. */
    static ConfTable build(LuaTable source) {
        return new ConfTable(new State(), source, new IdentityHashMap<>());
    }

    private LuaValue value(LuaValue v, IdentityHashMap<LuaTable, Boolean> open) {
        switch (v.type()) {
            case LuaValue.TNIL, LuaValue.TNUMBER, LuaValue.TSTRING, LuaValue.TBOOLEAN:
                return v;
            case LuaValue.TTABLE:
                ConfTable child = new ConfTable(state, (LuaTable) v, open);
                children.add(child);
                return child.pointer;
            default:
                throw new LuaError("Unsupport value type " + v.typename());
        }
    }

    /** Frees the addresses of this table and every table below it (skynet's {@code core.delete}). */
    void delete() {
        Pointer.free(pointer);
        for (ConfTable c : children) c.delete();
    }

    /** The value at key; a sub-table is its pointer; nil when absent. */
    LuaValue index(LuaValue key) {
        if (key.isnil()) return LuaValue.NIL;
        if (key.type() == LuaValue.TNUMBER) {
            if (!(key instanceof LuaInteger)) throw new LuaError(String.format("Invalid key %f", key.todouble()));
            long i = key.tolong();
            if (i > 0 && i <= array.length) return array[(int) i - 1];
        } else if (key.type() != LuaValue.TSTRING) {
            throw new LuaError("bad argument #2 to 'index' (string expected, got " + key.typename() + ")");
        }
        LuaValue at = positions.rawget(key);
        return at.isnil() ? LuaValue.NIL : values[at.toint()];
    }

    /** The key after {@code key} (nil: the first): the array part's non-nil slots, then the hash part. */
    LuaValue nextKey(LuaValue key) {
        int from;
        if (key.isnil()) {
            from = 0;
        } else if (key.type() == LuaValue.TNUMBER && key instanceof LuaInteger && key.tolong() > 0 && key.tolong() <= array.length) {
            from = (int) key.tolong();
        } else {
            LuaValue at = positions.rawget(key);
            if (at.isnil()) return LuaValue.NIL;
            int next = at.toint() + 1;
            return next < keys.length ? keys[next] : LuaValue.NIL;
        }
        for (int i = from; i < array.length; i++) if (!array[i].isnil()) return LuaValue.valueOf(i + 1);
        return keys.length > 0 ? keys[0] : LuaValue.NIL;
    }

    int arraySize() {
        return array.length;
    }

    int hashSize() {
        return keys.length;
    }
}
