package io.skynetj.share;

import java.util.IdentityHashMap;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Deep copies of Lua tables that no code ever writes after they are built, so every service of a
 * node may read the same copy at once: keys and values are strings, numbers, booleans (immutable
 * objects in LuaJ) or other frozen tables. Metatables are not copied; userdata and threads cannot be
 * shared and are refused, as are tables that contain themselves. Functions are refused too, except in
 * skynet's sharetable matrices, which hold Lua functions without upvalues as skynet's do: their
 * prototype is shared and each reading service calls a closure of its own ({@link SharedView}).
 */
final class Frozen {
    /** An empty frozen table: what a view of a vanished sub-table reads. */
    static final LuaTable EMPTY = new LuaTable(0, 0);

    private Frozen() {}

    static LuaTable copy(LuaTable source) {
        return copy(source, false);
    }

    /** A frozen copy of {@code source}; with {@code functions}, Lua functions without upvalues are kept as values. */
    static LuaTable copy(LuaTable source, boolean functions) {
        return copy(source, new IdentityHashMap<>(), "", functions);
    }

    private static LuaTable copy(LuaTable source, IdentityHashMap<LuaTable, Boolean> open, String path, boolean functions) {
        if (open.put(source, Boolean.TRUE) != null) throw new LuaError("cannot share a table that contains itself (at " + shown(path) + ")");
        int n = source.rawlen();
        LuaTable copy = new LuaTable(n, Math.max(0, source.keyCount() - n));
        LuaValue k = LuaValue.NIL;
        for (;;) {
            Varargs next = source.next(k);
            if ((k = next.arg1()).isnil()) break;
            checkKey(k, path);
            LuaValue v = next.arg(2);
            String at = path + "." + k.tojstring();
            copy.rawset(k, v.istable() ? copy(v.checktable(), open, at, functions) : checkValue(v, at, functions));
        }
        open.remove(source);
        return copy;
    }

    private static void checkKey(LuaValue k, String path) {
        int t = k.type();
        if (t != LuaValue.TSTRING && t != LuaValue.TNUMBER && t != LuaValue.TBOOLEAN)
            throw new LuaError("cannot share a " + k.typename() + " key (in " + shown(path) + ")");
    }

    private static LuaValue checkValue(LuaValue v, String path, boolean functions) {
        if (functions && v instanceof LuaClosure c) {
            if (c.p.upvalues.length > 0) throw new LuaError("Invalid function with upvalue (at " + shown(path) + ")");
            return c;
        }
        int t = v.type();
        if (t != LuaValue.TSTRING && t != LuaValue.TNUMBER && t != LuaValue.TBOOLEAN)
            throw new LuaError("cannot share a " + v.typename() + " (at " + shown(path) + ")");
        return v;
    }

    private static String shown(String path) {
        return path.isEmpty() ? "the root" : path.substring(1);
    }

    /** A frozen table copied back into ordinary tables a service owns (sharedata.deepcopy). */
    static LuaTable thaw(LuaTable frozen) {
        LuaTable t = new LuaTable();
        LuaValue k = LuaValue.NIL;
        for (;;) {
            Varargs next = frozen.next(k);
            if ((k = next.arg1()).isnil()) return t;
            LuaValue v = next.arg(2);
            t.rawset(k, v.istable() ? thaw(v.checktable()) : v);
        }
    }
}
