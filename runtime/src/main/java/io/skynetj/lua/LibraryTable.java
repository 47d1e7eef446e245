package io.skynetj.lua;

import java.util.function.BiConsumer;
import org.luaj.vm2.LazyTable;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A service's own table of a standard library (or of {@code package.preload}), filled on first use.
 * Until then reads of a key go to a table every service shares, which no one changes, and the
 * service holds nothing: most services never write to {@code string} or list {@code io}, and a
 * service that only calls {@code string.format} never pays for its own copy of the library.
 *
 * <p>Anything else (a write, {@code next}/{@code pairs}, {@code #}, the metatable, a key the shared
 * table lacks in a library with per-service parts) first fills the table: the shared entries are
 * copied into it and the {@link Filler} adds what belongs to this service (math.random's generator,
 * the io, os and debug functions bound to this service's state). From then on it is an ordinary table
 * of the service's own, so {@code string.foo = f} in one service is never seen by another.
 *
 * <p>A shared value may be a {@link PerService} instead: it is made for this service the first time
 * its key is read (one {@code package.preload} loader, without making the others).
 */
final class LibraryTable extends LuaTable implements LazyTable {
    /** Adds a service's own entries to its library table when the table is filled. */
    interface Filler {
        void fill(LuaTable lib);
    }

    /** A shared entry whose value each service makes for itself on first read. */
    static final class PerService extends LuaValue {
        private final java.util.function.Function<Object, LuaValue> make;

        /** {@code make} gives the value of this entry for the service whose table holds the context it is given. */
        PerService(java.util.function.Function<Object, LuaValue> make) {
            this.make = make;
        }

        LuaValue make(Object context) {
            return make.apply(context);
        }

        @Override
        public int type() {
            return TUSERDATA;
        }

        @Override
        public String typename() {
            return "userdata";
        }
    }

    /** The entries every service reads until this table is filled; null once filled. */
    private LuaTable shared;
    private Filler filler;
    private final Object context;

    /** {@code shared} must never change; {@code filler} may be null, {@code context} is given to {@link PerService} entries. */
    LibraryTable(LuaTable shared, Filler filler, Object context) {
        super(0, 0);
        this.shared = shared;
        this.filler = filler;
        this.context = context;
    }

    /** Whether nothing has filled this table yet (it holds only the entries made from {@link PerService} ones). */
    boolean pending() {
        return shared != null || filler != null;
    }

    /** The entries this table holds itself, as {@link LuaTable#next} (for the memory account, which must not fill it). */
    Varargs ownNext(LuaValue key) {
        return super.next(key);
    }

    /** Its own entries, then the shared ones it has not taken yet (a {@link PerService} one is not made). */
    @Override
    public void forEachAtHand(BiConsumer<LuaValue, LuaValue> entry) {
        for (LuaValue k = NIL; ; ) {
            Varargs n = super.next(k);
            if ((k = n.arg1()).isnil()) break;
            entry.accept(k, n.arg(2));
        }
        LuaTable from = shared;
        if (from != null) forEachNotTaken(from, (k, v) -> {
            if (!(v instanceof PerService)) entry.accept(k, v);
        });
    }

    /** The entries of {@code from} (the shared table) that this table does not hold itself yet. */
    private void forEachNotTaken(LuaTable from, BiConsumer<LuaValue, LuaValue> entry) {
        for (LuaValue k = NIL; ; ) {
            Varargs n = from.next(k);
            if ((k = n.arg1()).isnil()) return;
            if (super.rawget(k).isnil()) entry.accept(k, n.arg(2));
        }
    }

    private void fill() {
        LuaTable from = shared;
        Filler f = filler;
        shared = null;
        filler = null;
        if (from != null) {
            if (super.next(NIL).arg1().isnil()) super.presize(0, from.keyCount() + 2); // holds no entry made from a PerService yet
            forEachNotTaken(from, this::adopt);
        }
        if (f != null) f.fill(this);
    }

    /** Puts a shared entry into this table, made for this service if it is a {@link PerService}. */
    private LuaValue adopt(LuaValue key, LuaValue v) {
        LuaValue own = v instanceof PerService p ? p.make(context) : v;
        super.rawset(key, own);
        return own;
    }

    private LuaValue read(LuaValue key) {
        LuaValue v = super.rawget(key);
        if (!v.isnil()) return v;
        v = shared == null ? NIL : shared.rawget(key);
        if (!v.isnil()) return v instanceof PerService ? adopt(key, v) : v;
        if (filler == null) return NIL;
        fill();
        return super.rawget(key);
    }

    @Override
    public LuaValue rawget(LuaValue key) {
        return pending() ? read(key) : super.rawget(key);
    }

    @Override
    public LuaValue rawget(int key) {
        return pending() ? read(LuaValue.valueOf(key)) : super.rawget(key);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (pending()) fill();
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        if (pending()) fill();
        super.rawset(key, value);
    }

    @Override
    public Varargs next(LuaValue key) {
        if (pending()) fill();
        return super.next(key);
    }

    @Override
    public int rawlen() {
        if (pending()) fill();
        return super.rawlen();
    }

    @Override
    public LuaValue getmetatable() {
        if (filler != null) fill(); // the shared entries come with no metatable
        return super.getmetatable();
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        if (pending()) fill();
        return super.setmetatable(metatable);
    }

    @Override
    public void presize(int narray) {
        if (pending()) fill();
        super.presize(narray);
    }

    @Override
    public void presize(int narray, int nhash) {
        if (pending()) fill();
        super.presize(narray, nhash);
    }

    @Override
    public void sort(LuaValue comparator) {
        if (pending()) fill();
        super.sort(comparator);
    }
}
