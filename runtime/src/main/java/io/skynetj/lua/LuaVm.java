package io.skynetj.lua;

import io.skynetj.lua.lib.LuaFn;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseIoLib;
import org.luaj.vm2.lib.jse.JseOsLib;
import io.skynetj.lua.lib.Libraries;

/** Builds the Lua environment of a service. */
final class LuaVm {
    private LuaVm() {}

    static ServiceGlobals newGlobals(LuaServiceBody body) {
        SharedStringMetatable.install();
        ServiceGlobals g = new ServiceGlobals(body.loader);
        g.STDOUT = body.service.node.stdout();
        g.load(new JseBaseLib());
        g.load(new PackageLib());
        SharedLibraries.install(g, "bit32");
        SharedLibraries.install(g, "table");
        SharedLibraries.install(g, "string");
        g.load(new CoroutineLib()); // ours: coroutines on virtual threads, not platform threads
        SharedLibraries.install(g, "math");
        g.load(new JseIoLib());
        g.load(new JseOsLib());
        // The debug library's upvalue functions are what inject needs; with globals.debuglib unset the
        // interpreter does not pay for call hooks (3x faster). setmetatable would let a service change
        // the metatable every service's strings share, so it is removed.
        g.load(new DebugLib());
        g.debuglib = null;
        g.get("debug").set("setmetatable", LuaValue.NIL);
        Libraries.installPerState(g);
        LoadState.install(g);
        LuaC.install(g);
        g.finder = FileFinder.INSTANCE;
        g.safepoint = body.safePoints;

        g.set("print", LuaFn.of("print", args -> print(g, args)));
        g.set("loadfile", body.loader.loadfileFunction(g));
        g.set("dofile", body.loader.dofileFunction(g));
        LuaTable pkg = g.get("package").checktable();
        // no loading of Java classes by name (LuaJ's third searcher): Java modules come from javapath jars
        pkg.get("searchers").checktable().set(3, body.runtime.javaModules.searcher(body));
        pkg.set("path", body.runtime.luaPath());
        pkg.set("cpath", "");
        LuaTable preload = pkg.get("preload").checktable();
        preload.set("skynet.core", LuaFn.of("skynet.core", a -> new SkynetCore(body).table()));
        preload.set("skynet.codecache", LuaFn.of("skynet.codecache", a -> CodeCacheModule.create(body)));
        preload.set("skynet.profile", LuaFn.of("skynet.profile", a -> ProfileModule.create(body)));
        // skynet's other name for the same module: one table, whichever name is required first
        preload.set("skynet.cache", LuaFn.of("skynet.cache", a -> g.get("require").call("skynet.codecache")));
        body.runtime.modules().forEach((name, provider) -> preload.set(name, LuaFn.of(name, a -> provider.apply(body))));
        return g;
    }

    /** Lua's print, writing each line at once so lines of concurrent services never interleave. */
    private static Varargs print(ServiceGlobals g, Varargs args) {
        LuaValue tostring = g.get("tostring");
        StringBuilder sb = new StringBuilder();
        for (int i = 1, n = args.narg(); i <= n; i++) {
            if (i > 1) sb.append('\t');
            LuaString s = tostring.call(args.arg(i)).strvalue();
            if (s == null) throw new org.luaj.vm2.LuaError("'tostring' must return a string to 'print'");
            sb.append(s.tojstring());
        }
        var out = g.STDOUT;
        synchronized (out) {
            out.println(sb);
        }
        return LuaValue.NONE;
    }

    /** Sets SERVICE_NAME / SERVICE_PATH and the package path of a service about to run its main file. */
    static void prepareService(LuaServiceBody body, ServiceFile file) {
        ServiceGlobals g = body.globals;
        g.set("SERVICE_NAME", file.name());
        if (file.servicePath() != null) g.set("SERVICE_PATH", file.servicePath());
        if (file.packageDir() != null) {
            LuaTable pkg = g.get("package").checktable();
            pkg.set("path", file.packageDir() + "?.lua;" + pkg.get("path").tojstring());
        }
    }
}
