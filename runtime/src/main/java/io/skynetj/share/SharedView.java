package io.skynetj.share;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What a service holds of a shared table: a table of its own (so {@code t.x}, {@code t[i]},
 * {@code #t}, {@code next}, {@code pairs}, {@code ipairs}, rawget, skynet.pack and cjson work as on
 * a plain table) whose reads go to the node's single frozen copy. It holds no entries itself, and
 * every write raises an error. A sub-table read through it is another view, the same object for the
 * same key while the service keeps it (views nobody holds are collected, so reading every row of a
 * big table costs the service nothing lasting). A shared function (sharetable matrices) reads as the
 * service's own closure of it.
 */
final class SharedView extends LuaTable {
    /** The shared version a service's views of one name read, and how they follow updates. */
    static final class Root {
        SharedEntry entry;
        /** Bumped whenever {@code entry} changes: views re-find their data. */
        int version;
        /** sharedata follows updates by itself; sharetable only on sharetable.update. */
        final boolean follows;
        /** Views collected by the GC, whose cache slots are to be dropped. */
        final ReferenceQueue<SharedView> collected = new ReferenceQueue<>();
        /** The reading service's closures of shared functions (null: its tables hold none). */
        private final Functions functions;

        Root(SharedEntry entry, boolean follows) {
            this(entry, follows, null);
        }

        Root(SharedEntry entry, boolean follows, Functions functions) {
            this.entry = entry;
            this.follows = follows;
            this.functions = functions;
        }

        private LuaValue closureOf(LuaClosure shared) {
            if (functions == null) throw new LuaError("a shared function without a reading state");
            return functions.closureOf(shared);
        }

        void moveTo(SharedEntry newer) {
            if (newer != entry) {
                entry = newer;
                version++;
            }
        }

        void refresh() {
            if (follows && entry.replacedBy != null) moveTo(entry.latest());
        }

        void purge() {
            for (java.lang.ref.Reference<? extends SharedView> r; (r = collected.poll()) != null; ) ((ChildRef) r).drop();
        }
    }

    /**
     * One reading service's closures of the shared functions (Lua functions without upvalues) it has read:
     * a closure records its frames on, and is stopped through, the Lua state it belongs to, so the loading
     * state's must not run here. One per service, so that a function read twice, or through two clones,
     * is one value, as in skynet.
     */
    static final class Functions {
        private final Globals reader;
        /** Weak keys: a closed matrix's functions go with it. */
        private final Map<LuaClosure, LuaClosure> closures = new WeakHashMap<>();

        Functions(Globals reader) {
            this.reader = reader;
        }

        LuaValue closureOf(LuaClosure shared) {
            return closures.computeIfAbsent(shared, c -> new LuaClosure(c.p, reader));
        }
    }

    private static final class ChildRef extends WeakReference<SharedView> {
        private final Map<LuaValue, ChildRef> in;
        private final LuaValue key;

        ChildRef(SharedView view, Root root, Map<LuaValue, ChildRef> in, LuaValue key) {
            super(view, root.collected);
            this.in = in;
            this.key = key;
        }

        void drop() {
            in.remove(key, this);
        }
    }

    private final Root root;
    private final SharedView parent;
    private final LuaValue key;
    private LuaTable data;
    private int version;
    private Map<LuaValue, ChildRef> children;

    SharedView(Root root) {
        this(root, null, null, root.entry.data);
    }

    private SharedView(Root root, SharedView parent, LuaValue key, LuaTable data) {
        super(0, 0);
        this.root = root;
        this.parent = parent;
        this.key = key;
        this.data = data;
        this.version = root.version;
    }

    Root root() {
        return root;
    }

    /** The frozen table this view reads now. */
    private LuaTable data() {
        LuaTable d = current();
        if (d == null) throw new LuaError("The key [" + path() + "] doesn't exist after update");
        return d;
    }

    /** After an update, the table at this view's key path in the new version; null when it is gone. */
    private LuaTable current() {
        root.refresh();
        if (version != root.version) {
            LuaTable d;
            if (parent == null) d = root.entry.data;
            else {
                LuaTable p = parent.current();
                LuaValue v = p == null ? NIL : p.rawget(key);
                d = v instanceof LuaTable t ? t : root.follows ? null : Frozen.EMPTY;
            }
            if (d == null) return null;
            data = d;
            version = root.version;
        }
        return data;
    }

    /** skynet's name for a sub-table in errors: the keys from the root, each after a dot (".rows.1"). */
    private String path() {
        return parent == null ? "" : parent.path() + "." + key.tojstring();
    }

    private LuaValue wrap(LuaValue k, LuaValue v) {
        if (v instanceof LuaClosure c) return root.closureOf(c);
        if (!(v instanceof LuaTable t)) return v;
        if (children == null) children = new HashMap<>();
        ChildRef ref = children.get(k);
        SharedView child = ref == null ? null : ref.get();
        if (child == null) {
            root.purge();
            child = new SharedView(root, this, k, t);
            children.put(k, new ChildRef(child, root, children, k));
        }
        return child;
    }

    @Override
    public LuaValue rawget(int k) {
        return wrap(LuaValue.valueOf(k), data().rawget(k));
    }

    @Override
    public LuaValue rawget(LuaValue k) {
        return wrap(k, data().rawget(k));
    }

    @Override
    public Varargs next(LuaValue k) {
        Varargs n = data().next(k);
        LuaValue nk = n.arg1();
        if (nk.isnil()) return NIL;
        return varargsOf(nk, wrap(nk, n.arg(2)));
    }

    @Override
    public Varargs inext(LuaValue k) {
        int i = k.checkint() + 1;
        LuaValue v = rawget(i);
        return v.isnil() ? NONE : varargsOf(LuaValue.valueOf(i), v);
    }

    @Override
    public int rawlen() {
        return data().rawlen();
    }

    @Override
    public int length() {
        return rawlen();
    }

    @Override
    public LuaValue len() {
        return LuaValue.valueOf(rawlen());
    }

    private LuaError readOnly() {
        return new LuaError("Error newindex, the key [" + path() + "]");
    }

    @Override
    public void rawset(int k, LuaValue v) {
        throw readOnly();
    }

    @Override
    public void rawset(LuaValue k, LuaValue v) {
        throw readOnly();
    }

    @Override
    public void hashset(LuaValue k, LuaValue v) {
        throw readOnly();
    }

    @Override
    public LuaValue setmetatable(LuaValue mt) {
        throw readOnly();
    }

    @Override
    public void insert(int pos, LuaValue v) {
        throw readOnly();
    }

    @Override
    public LuaValue remove(int pos) {
        throw readOnly();
    }

    @Override
    public void sort(LuaValue comparator) {
        throw readOnly();
    }
}
