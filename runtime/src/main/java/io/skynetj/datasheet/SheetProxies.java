package io.skynetj.datasheet;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import io.skynetj.lua.lib.LuaFn;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One service's tables over datasheet documents. A proxy starts empty with a metatable; the first
 * index, pairs or # fills it with its level of the document (sub-tables become proxies in turn)
 * and drops the metatable, so later reads are plain table reads. The same document table gives the
 * same proxy while the service holds it. An update points every proxy of the old document at the
 * new one and empties it again, so the next read shows the new contents.
 */
final class SheetProxies {
    /** A proxy table: which document table it shows. */
    static final class Proxy extends LuaTable {
        SheetDocument document;
        final int index;

        Proxy(SheetDocument document, int index) {
            this.document = document;
            this.index = index;
        }
    }

    private final LuaTable meta = new LuaTable();
    private final Map<SheetDocument, Map<Integer, WeakReference<Proxy>>> cache = new IdentityHashMap<>();

    SheetProxies() {
        LuaValue next = LuaFn.of("next", a -> {
            Varargs n = a.checktable(1).next(a.arg(2));
            return n.arg1().isnil() ? LuaValue.NIL : n;
        });
        meta.set(LuaValue.INDEX, LuaFn.of("index", a -> fill(a.arg1()).rawget(a.arg(2))));
        meta.set("__pairs", LuaFn.of("pairs", a -> LuaValue.varargsOf(next, fill(a.arg1()), LuaValue.NIL)));
        meta.set(LuaValue.LEN, LuaFn.of("len", a -> LuaValue.valueOf(fill(a.arg1()).rawlen())));
    }

    /** The proxy of table {@code index} of a document. */
    LuaTable proxy(SheetDocument document, int index) {
        if (index < 0 || index >= document.tableCount() || document.table(index) < 0) throw new LuaError("Invalid index " + index);
        Map<Integer, WeakReference<Proxy>> tables = cache.computeIfAbsent(document, d -> new HashMap<>());
        WeakReference<Proxy> ref = tables.get(index);
        Proxy p = ref == null ? null : ref.get();
        if (p == null) {
            p = new Proxy(document, index);
            p.setmetatable(meta);
            tables.put(index, new WeakReference<>(p));
        }
        return p;
    }

    /** Moves every proxy of {@code root}'s document to {@code newer}. */
    void update(LuaValue root, SheetDocument newer) {
        if (!(root instanceof Proxy r)) throw new LuaError("Invalid proxy table " + root.tojstring());
        SheetDocument older = r.document;
        if (older == newer) return;
        Map<Integer, WeakReference<Proxy>> moved = cache.remove(older);
        if (moved == null) return;
        Map<Integer, WeakReference<Proxy>> target = cache.computeIfAbsent(newer, d -> new HashMap<>());
        for (WeakReference<Proxy> ref : moved.values()) {
            Proxy p = ref.get();
            if (p == null) continue;
            p.document = newer;
            clear(p);
            p.setmetatable(meta);
            if (p.index < newer.tableCount() && newer.table(p.index) >= 0) target.put(p.index, ref);
        }
    }

    private LuaTable fill(LuaValue t) {
        if (!(t instanceof Proxy p)) throw new LuaError("Invalid proxy table " + t.tojstring());
        SheetDocument doc = p.document;
        if (p.index >= doc.tableCount()) {
            throw new LuaError("Invalid proxy (index = " + p.index + ", total = " + doc.tableCount() + ")");
        }
        int table = doc.table(p.index);
        if (table < 0) throw new LuaError("Invalid proxy (index = " + p.index + ")");
        int arrays = doc.arraySize(table);
        int cell = doc.values(table);
        for (int i = 0; i < arrays; i++, cell += 4) p.rawset(i + 1, value(doc, doc.type(table, i), cell));
        for (int i = 0; i < doc.dictSize(table); i++, cell += 8) {
            p.rawset(doc.string(doc.u32(cell)), value(doc, doc.type(table, arrays + i), cell + 4));
        }
        p.setmetatable(null);
        return p;
    }

    private LuaValue value(SheetDocument doc, int type, int cell) {
        return type == SheetDocument.TABLE ? proxy(doc, doc.u32(cell)) : doc.scalar(type, cell);
    }

    private static void clear(LuaTable t) {
        List<LuaValue> keys = new ArrayList<>();
        for (Varargs n = t.next(LuaValue.NIL); !n.arg1().isnil(); n = t.next(n.arg1())) keys.add(n.arg1());
        for (LuaValue k : keys) t.rawset(k, LuaValue.NIL);
    }
}
