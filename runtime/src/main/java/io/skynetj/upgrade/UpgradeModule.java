package io.skynetj.upgrade;

import io.skynetj.lua.lib.LuaFn;
import io.skynetj.lua.LuaServiceBody;
import io.skynetj.lua.Pack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.upgrade.core"} (wrapped by {@code lua/skynet/upgrade.lua}). Each operation
 * runs on its own virtual thread while only the calling coroutine waits, like a skynet.call.
 */
final class UpgradeModule {
    private static final Executor VIRTUAL = r -> Thread.ofVirtual().name("skynetj-upgrade").start(r);

    private UpgradeModule() {}

    static LuaTable create(UpgradeManager manager, LuaServiceBody body) {
        LuaTable m = new LuaTable();
        // launch(name, "service args...") -> stable address
        m.set("launch", LuaFn.of("launch", a -> {
            String name = a.checkjstring(1);
            String command = a.checkjstring(2);
            return body.await(run(() -> Pack.pack(LuaValue.valueOf(manager.launch(name, command)))));
        }));
        // upgrade(name, opts) / rollback(name, opts) -> ok, report
        m.set("upgrade", LuaFn.of("upgrade", a -> report(body, manager, a, false)));
        m.set("rollback", LuaFn.of("rollback", a -> report(body, manager, a, true)));
        // list() -> { {name=, address=, instance=, command=, version=, previous=}, ... }
        m.set("list", LuaFn.of("list", a -> {
            LuaTable list = new LuaTable();
            for (ManagedService.Info i : manager.list()) {
                LuaTable t = new LuaTable();
                t.set("name", i.name());
                t.set("address", i.address());
                t.set("instance", i.instance());
                t.set("command", i.command());
                t.set("version", i.version());
                if (i.previousVersion() != null) t.set("previous", i.previousVersion());
                LuaTable earlier = new LuaTable();
                for (String v : i.previousVersions()) earlier.insert(earlier.length() + 1, LuaValue.valueOf(v));
                t.set("history", earlier);
                list.insert(list.length() + 1, t);
            }
            return list;
        }));
        return m;
    }

    private static Varargs report(LuaServiceBody body, UpgradeManager manager, Varargs a, boolean back) {
        String name = a.checkjstring(1);
        UpgradeOptions options = options(a.opttable(2, new LuaTable()), back);
        return body.await(run(() -> {
            UpgradeReport r = back ? manager.rollback(name, options) : manager.upgrade(name, options);
            return Pack.pack(LuaValue.varargsOf(LuaValue.valueOf(r.ok()), LuaValue.valueOf(r.toString())));
        }));
    }

    /** Lua options: { files = {...}, drain_timeout = cs, force = bool }, and for a rollback { version = "..." }. */
    private static UpgradeOptions options(LuaTable t, boolean back) {
        Set<String> known = back ? Set.of("drain_timeout", "force", "version") : Set.of("files", "drain_timeout", "force");
        for (LuaValue k = LuaValue.NIL; !(k = t.next(k).arg1()).isnil(); )
            if (!known.contains(k.tojstring()))
                throw new LuaError("unknown " + (back ? "rollback" : "upgrade") + " option '" + k.tojstring() + "' (known: " + new TreeSet<>(known) + ")");
        UpgradeOptions o = UpgradeOptions.defaults();
        if (!t.get("version").isnil()) o = o.withVersion(t.get("version").checkjstring());
        LuaValue files = t.get("files");
        if (files.istable()) {
            List<String> list = new ArrayList<>();
            for (int i = 1; i <= files.length(); i++) list.add(files.get(i).checkjstring());
            o = o.withFiles(list);
        }
        if (!t.get("drain_timeout").isnil()) o = o.withDrainTimeout(Duration.ofMillis(t.get("drain_timeout").checklong() * 10));
        if (!t.get("force").isnil()) o = o.withForce(t.get("force").toboolean());
        return o;
    }

    private static CompletableFuture<byte[]> run(Supplier<byte[]> work) {
        return CompletableFuture.supplyAsync(work, VIRTUAL);
    }

}
