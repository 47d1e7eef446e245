package io.skynetj.share;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;

/**
 * The node's named shared tables (one store for sharedata, one for sharetable): the role of skynet's
 * sharedatad and sharetable services, kept in the kernel so that a service reads the one frozen copy
 * directly. Updates replace a name's entry and link the old entry to the new one.
 */
final class SharedStore {
    private final String what;
    private final ConcurrentHashMap<String, SharedEntry> entries = new ConcurrentHashMap<>();

    SharedStore(String what) {
        this.what = what;
    }

    /** Adds {@code name}; fails if it exists. */
    void create(String name, LuaTable table) {
        SharedEntry e = new SharedEntry(name, Frozen.copy(table));
        if (entries.putIfAbsent(name, e) != null) throw new LuaError(what + ": " + name + " already exists");
    }

    /** Sets {@code name} (creating it if needed); views of the old version can follow to this one. */
    void replace(String name, LuaTable table) {
        SharedEntry e = new SharedEntry(name, Frozen.copy(table));
        SharedEntry old = entries.put(name, e);
        if (old != null) old.replacedBy = e;
    }

    /** Forgets {@code name}; views already made keep reading the version they have. */
    boolean delete(String name) {
        return entries.remove(name) != null;
    }

    SharedEntry get(String name) {
        return entries.get(name);
    }

    List<String> names() {
        return List.copyOf(entries.keySet());
    }
}
