package io.skynetj.share;

import io.skynetj.lua.Pointer;
import io.skynetj.lua.lib.LuaFn;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

/**
 * {@code require "skynet.sharedata.core"}, the module skynet's own {@code sharedata/corelib.lua} and
 * {@code sharedatad.lua} are written on: {@code new(t)} builds a conf object once per node and gives
 * its pointer, which sharedatad hands to readers; {@code box(ptr)} is a reader's counted hold on it.
 * skynet drops that hold in the box's {@code __gc}, which LuaJ does not run: here it is dropped when
 * the JVM collects the box or when the reader's service exits, whichever comes first.
 */
final class SharedataCore {
    private static final Cleaner CLEANER = Cleaner.create();

    /** skynet's {@code struct ctrl}: a reader's hold on one conf object and the newer one to move to. */
    private static final class Box {
        final ConfTable root;
        LuaValue update = LuaValue.NIL;
        LuaValue updateTable = LuaValue.NIL;
        private final AtomicBoolean released = new AtomicBoolean();

        Box(ConfTable root) {
            this.root = root;
            root.state.ref.incrementAndGet();
        }

        void release() {
            if (released.compareAndSet(false, true)) root.state.ref.decrementAndGet();
        }
    }

    /** The boxes of each service, released when it exits. */
    static final class Holds {
        private final Map<Integer, List<WeakReference<Box>>> byService = new HashMap<>();

        synchronized void add(int owner, Box box) {
            List<WeakReference<Box>> list = byService.computeIfAbsent(owner, h -> new ArrayList<>());
            list.removeIf(r -> r.refersTo(null));
            list.add(new WeakReference<>(box));
        }

        void exited(int handle) {
            List<WeakReference<Box>> list;
            synchronized (this) {
                list = byService.remove(handle);
            }
            if (list == null) return;
            for (WeakReference<Box> r : list) {
                Box b = r.get();
                if (b != null) b.release();
            }
        }
    }

    private SharedataCore() {}

    static LuaTable create(Holds holds, int owner) {
        LuaTable m = new LuaTable();
        m.set("new", LuaFn.of("new", a -> ConfTable.build(a.checktable(1)).pointer));
        m.set("delete", LuaFn.of("delete", a -> {
            conf(a.arg1()).delete();
            return LuaValue.NONE;
        }));
        m.set("markdirty", LuaFn.of("markdirty", a -> {
            conf(a.arg1()).state.dirty = true;
            return LuaValue.NONE;
        }));
        m.set("isdirty", LuaFn.of("isdirty", a -> LuaValue.valueOf(conf(a.arg1()).state.dirty)));
        m.set("getref", LuaFn.of("getref", a -> LuaValue.valueOf(conf(a.arg1()).state.ref.get())));
        m.set("incref", LuaFn.of("incref", a -> LuaValue.valueOf(conf(a.arg1()).state.ref.incrementAndGet())));
        m.set("decref", LuaFn.of("decref", a -> LuaValue.valueOf(conf(a.arg1()).state.ref.decrementAndGet())));
        m.set("box", LuaFn.of("box", a -> {
            Box box = new Box(conf(a.arg1()));
            LuaUserdata u = new LuaUserdata(box);
            CLEANER.register(u, box::release);
            holds.add(owner, box);
            return u;
        }));
        m.set("index", LuaFn.of("index", a -> conf(a.arg1()).index(a.arg(2))));
        m.set("nextkey", LuaFn.of("nextkey", a -> conf(a.arg1()).nextKey(a.arg(2))));
        m.set("len", LuaFn.of("len", a -> LuaValue.valueOf(conf(a.arg1()).arraySize())));
        m.set("hashlen", LuaFn.of("hashlen", a -> LuaValue.valueOf(conf(a.arg1()).hashSize())));
        m.set("needupdate", LuaFn.of("needupdate", a -> {
            Box box = box(a.arg1());
            return box.update.isnil() ? LuaValue.NONE : LuaValue.varargsOf(box.update, box.updateTable);
        }));
        m.set("update", LuaFn.of("update", a -> {
            Box box = box(a.arg1());
            if (Pointer.address(a.arg(2)) == 0) throw new LuaError("bad argument #2 to 'update' (light userdata expected, got " + a.arg(2).typename() + ")");
            LuaTable t = a.checktable(3);
            if (conf(a.arg(2)) == box.root) throw new LuaError("You should update a new object");
            box.update = a.arg(2);
            box.updateTable = t;
            return LuaValue.NONE;
        }));
        return m;
    }

    private static ConfTable conf(LuaValue v) {
        if (!v.isuserdata()) throw new LuaError("Need a conf object");
        return Pointer.deref(v, ConfTable.class, "conf object");
    }

    private static Box box(LuaValue v) {
        if (v.isuserdata() && v.touserdata() instanceof Box b) return b;
        throw new LuaError("bad argument #1 (userdata expected, got " + v.typename() + ")");
    }
}
