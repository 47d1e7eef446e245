package io.skynetj.lua.inject;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What a patch sees instead of one of the service's tables. While the patch runs, reads show the
 * table with the patch's own writes laid over it, and writes go to that overlay only, so the rest of
 * the service keeps seeing the table as it was. Table values read through it are views too, so nested
 * writes are journaled as well. It is a real {@link LuaTable} (not a metatable trick), so {@code pairs},
 * {@code #}, {@code table.insert} and {@code skynet.pack} behave as on the table itself.
 *
 * <p>Once the patch is committed the view becomes a plain window on the table (functions the patch
 * installed may keep it as an upvalue). After a failed patch it refuses writes: only stray code of
 * that patch (a fork it started) can still hold it.
 */
final class JournalTable extends LuaTable {
    /** Marks a key the patch set to nil. */
    private static final LuaValue DELETED = new LuaUserdata(new Object());

    final Transaction transaction;
    final LuaTable target;
    /** How the patch first reached this table, e.g. {@code _P.lua.CMD}. */
    final String path;
    private final LuaTable overlay = new LuaTable();
    /**
     * The keys of the merged view, taken when an iteration starts (next(nil)). Writes during the
     * traversal do not retake it, so assigning to existing fields while iterating works as in Lua.
     */
    private LuaTable iteration;

    JournalTable(Transaction transaction, LuaTable target, String path) {
        this.transaction = transaction;
        this.target = target;
        this.path = path;
        LuaValue mt = target.getmetatable();
        if (mt != null) super.setmetatable(mt); // so __index/__len/__eq of the table apply to the view
    }

    static LuaValue unwrap(LuaValue v) {
        while (v instanceof JournalTable j) v = j.target;
        return v;
    }

    /** The value the patch wrote for {@code key}, or null when it did not write that key. */
    LuaValue written(LuaValue key) {
        LuaValue v = overlay.rawget(key);
        if (v.isnil()) return null;
        return v == DELETED ? NIL : v;
    }

    @Override
    public LuaValue rawget(int key) {
        return rawget(LuaValue.valueOf(key));
    }

    @Override
    public LuaValue rawget(LuaValue key) {
        if (!transaction.isOpen()) return target.rawget(unwrap(key));
        LuaValue k = unwrap(key);
        LuaValue mine = written(k);
        if (mine != null) return mine;
        return transaction.view(target.rawget(k), Paths.child(path, k));
    }

    @Override
    public void rawset(int key, LuaValue value) {
        rawset(LuaValue.valueOf(key), value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        LuaValue k = unwrap(key);
        if (k.isnil()) throw new LuaError("table index is nil");
        if (k.type() == TNUMBER && Double.isNaN(k.todouble())) throw new LuaError("table index is NaN");
        switch (transaction.state()) {
            case OPEN -> {
                if (overlay.rawget(k).isnil()) transaction.recordWrite(this, k);
                overlay.rawset(k, value.isnil() ? DELETED : value);
            }
            case COMMITTED -> target.rawset(k, unwrap(value));
            case ABORTED -> throw refused(Paths.child(path, k));
        }
    }

    private LuaError refused(String what) {
        return new LuaError("this table view belongs to a patch that was not applied; changing " + what + " is refused");
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        rawset(key, value);
    }

    @Override
    public Varargs next(LuaValue key) {
        if (!transaction.isOpen()) return target.next(unwrap(key));
        if (key.isnil() || iteration == null) iteration = mergedKeys();
        for (LuaValue k = unwrap(key);;) {
            Varargs e = iteration.next(k);
            k = e.arg1();
            if (k.isnil()) return NIL;
            LuaValue v = rawget(k);
            if (!v.isnil()) return varargsOf(k, v);
        }
    }

    private LuaTable mergedKeys() {
        LuaTable keys = new LuaTable();
        LuaValue k = NIL;
        for (Varargs e = target.next(k); !(k = e.arg1()).isnil(); e = target.next(k)) keys.rawset(k, TRUE);
        for (Varargs e = overlay.next(k = NIL); !(k = e.arg1()).isnil(); e = overlay.next(k)) keys.rawset(k, TRUE);
        return keys;
    }

    /** table.sort on a view: sorts a copy of the list part and writes it back through the journal. */
    @Override
    public void sort(LuaValue comparator) {
        if (!transaction.isOpen()) {
            target.sort(comparator);
            return;
        }
        int n = rawlen();
        LuaTable copy = new LuaTable(n, 0);
        for (int i = 1; i <= n; i++) copy.rawset(i, rawget(i));
        copy.sort(comparator);
        for (int i = 1; i <= n; i++) rawset(i, copy.rawget(i));
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        switch (transaction.state()) {
            case OPEN -> throw new LuaError("a patch cannot change the metatable of " + path + " (metatable changes are not journaled)");
            case ABORTED -> throw refused("the metatable of " + path);
            case COMMITTED -> target.setmetatable(metatable);
        }
        return super.setmetatable(metatable);
    }
}
