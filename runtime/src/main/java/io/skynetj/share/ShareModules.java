package io.skynetj.share;

import io.skynetj.lua.lib.LuaFn;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The Java halves of {@code lua/skynet/sharedata.lua} and {@code lua/skynet/sharetable.lua}: one
 * table per service over the node's stores. A service's views are its own objects; the data they
 * read is the store's single frozen copy.
 */
final class ShareModules {
    private ShareModules() {}

    /** require "skynet.sharedata.store": new, update, delete, query, deepcopy, flush. */
    static LuaTable sharedata(SharedStore store) {
        Map<String, WeakReference<SharedView>> cache = new HashMap<>();
        List<WeakReference<SharedView.Root>> roots = new ArrayList<>(); // of views this service may hold
        LuaTable m = new LuaTable();
        m.set("new", LuaFn.of("new", a -> {
            store.create(a.checkjstring(1), a.checktable(2));
            return LuaValue.NONE;
        }));
        m.set("update", LuaFn.of("update", a -> {
            store.replace(a.checkjstring(1), a.checktable(2));
            return LuaValue.NONE;
        }));
        m.set("delete", LuaFn.of("delete", a -> {
            String name = a.checkjstring(1);
            if (!store.delete(name)) throw new LuaError("sharedata: " + name + " does not exist");
            cache.remove(name);
            return LuaValue.NONE;
        }));
        // query(name) -> the same view while this service keeps it; it follows updates of name by itself
        m.set("query", LuaFn.of("query", a -> {
            String name = a.checkjstring(1);
            SharedEntry current = store.get(name);
            if (current == null) throw new LuaError("sharedata: " + name + " does not exist");
            WeakReference<SharedView> ref = cache.get(name);
            SharedView view = ref == null ? null : ref.get();
            if (view != null && view.root().entry.latest() == current) return view;
            SharedView.Root root = new SharedView.Root(current, true);
            roots.removeIf(r -> r.get() == null);
            roots.add(new WeakReference<>(root));
            view = new SharedView(root);
            cache.put(name, new WeakReference<>(view));
            return view;
        }));
        // deepcopy(name, key...) -> an ordinary table of this service's own: the value at name[key1][key2]...
        m.set("deepcopy", LuaFn.of("deepcopy", a -> {
            String name = a.checkjstring(1);
            SharedEntry e = store.get(name);
            if (e == null) throw new LuaError("sharedata: " + name + " does not exist");
            LuaValue v = e.data;
            for (int i = 2; i <= a.narg() && v.istable(); i++) v = v.rawget(a.arg(i));
            return v instanceof LuaTable t ? Frozen.thaw(t) : v;
        }));
        // flush(): views move to the newest versions now (they also do at their next read)
        m.set("flush", LuaFn.of("flush", a -> {
            for (WeakReference<SharedView.Root> r : roots) {
                SharedView.Root root = r.get();
                if (root != null) root.refresh();
            }
            return LuaValue.NONE;
        }));
        return m;
    }

    /** require "skynet.sharetable.store": load, query, names, update. */
    static LuaTable sharetable(SharedStore store) {
        Map<String, List<WeakReference<SharedView.Root>>> queried = new HashMap<>();
        LuaTable m = new LuaTable();
        m.set("load", LuaFn.of("load", a -> {
            store.replace(a.checkjstring(1), a.checktable(2));
            return LuaValue.NONE;
        }));
        // query(name) -> a view of the version loaded now, or nil; it keeps that version until update(name)
        m.set("query", LuaFn.of("query", a -> {
            String name = a.checkjstring(1);
            SharedEntry e = store.get(name);
            if (e == null) return LuaValue.NIL;
            SharedView.Root root = new SharedView.Root(e, false);
            List<WeakReference<SharedView.Root>> list = queried.computeIfAbsent(name, n -> new ArrayList<>());
            list.removeIf(r -> r.get() == null);
            list.add(new WeakReference<>(root));
            return new SharedView(root);
        }));
        m.set("names", LuaFn.of("names", a -> {
            LuaTable t = new LuaTable();
            for (String n : store.names()) t.insert(t.length() + 1, LuaValue.valueOf(n));
            return t;
        }));
        // update(name...): every table this service queried under those names reads the current version
        m.set("update", LuaFn.of("update", a -> {
            for (int i = 1; i <= a.narg(); i++) {
                String name = a.checkjstring(i);
                SharedEntry e = store.get(name);
                List<WeakReference<SharedView.Root>> list = queried.get(name);
                if (e == null || list == null) continue;
                for (WeakReference<SharedView.Root> r : list) {
                    SharedView.Root root = r.get();
                    if (root != null) root.moveTo(e);
                }
            }
            return LuaValue.NONE;
        }));
        return m;
    }
}
