package io.skynetj.lua;

import io.skynetj.lua.lib.LuaFn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.luaj.vm2.Globals;
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
        ServiceGlobals g = new ServiceGlobals(body.loader);
        g.body = body;
        g.STDOUT = body.service.node.stdout();
        standardLibraries(g);
        g.safepoint = body.safePoints;
        g.set("loadfile", body.loader.loadfileFunction(g));
        g.set("dofile", body.loader.dofileFunction(g));
        LuaTable pkg = g.get("package").checktable();
        // no loading of Java classes by name (LuaJ's third searcher): Java modules come from javapath jars
        pkg.get("searchers").checktable().set(3, body.runtime.javaModules.searcher(body));
        pkg.set("path", body.runtime.luaPath());
        pkg.set("cpath", "");
        // each loader is made for the service when require first looks for its name
        LuaTable preload = new LibraryTable(body.runtime.preloadEntries(), null, body);
        pkg.set("preload", preload);
        return g;
    }

    /** package.preload's entries: the skynet modules written in Java, and the runtime's Java modules. */
    static LuaTable preloadEntries(LuaRuntime runtime) {
        FrozenTable entries = new FrozenTable();
        loader(entries, "skynet.core", body -> new SkynetCore(body).table());
        loader(entries, "skynet.codecache", CodeCacheModule::create);
        loader(entries, "skynet.profile", ProfileModule::create);
        loader(entries, "bit32", body -> Libraries.bit32()); // Lua 5.4 has no bit32 global: older code requires it
        // skynet's other name for the same module: one table, whichever name is required first
        loader(entries, "skynet.cache", body -> body.globals.get("require").call("skynet.codecache"));
        for (String name : runtime.modules().keySet()) {
            loader(entries, name, body -> body.runtime.modules().get(name).apply(body));
        }
        return entries.freeze();
    }

    private static void loader(LuaTable entries, String name, java.util.function.Function<LuaServiceBody, LuaValue> module) {
        entries.rawset(name, new LibraryTable.PerService(context -> {
            LuaServiceBody body = (LuaServiceBody) context;
            return LuaFn.of(name, a -> module.apply(body));
        }));
    }

    /**
     * The standard libraries as a service has them (also {@code skynetj lua}'s): LuaJ's where they are
     * right, skynetj's own over them, the compiler, and a print that writes each line at once to
     * {@code g.STDOUT}.
     */
    static void standardLibraries(Globals g) {
        SharedStringMetatable.install();
        g.load(new JseBaseLib());
        g.load(new PackageLib());
        SharedLibraries.install(g, "table");
        SharedLibraries.install(g, "string");
        g.load(new CoroutineLib()); // ours: coroutines on virtual threads, not platform threads
        SharedLibraries.install(g, "math");
        SharedLibraries.install(g, "utf8");
        // io, os and debug are built for the service when its code first uses them
        SharedLibraries.installOnFirstUse(g, "io", new JseIoLib(), null);
        SharedLibraries.installOnFirstUse(g, "os", new JseOsLib(), Libraries::extendOs);
        // The debug library's upvalue functions are what inject needs; with globals.debuglib unset the
        // interpreter does not pay for call hooks (3x faster). LuaJ's setmetatable would change the
        // metatables every service's values share: extendDebug puts the state's own over it.
        SharedLibraries.installOnFirstUse(g, "debug", new DebugLib(), debug -> {
            g.debuglib = null;
            Libraries.extendDebug(g, debug);
        });
        Libraries.installBase(g);
        LoadState.install(g);
        LuaC.install(g);
        g.finder = FileFinder.INSTANCE;
        g.set("print", LuaFn.of("print", args -> print(g, args)));
    }

    /** Lua's print: the bytes of each value's tostring, written as one line so lines of concurrent services never interleave. */
    private static Varargs print(Globals g, Varargs args) {
        LuaValue tostring = g.get("tostring");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 1, n = args.narg(); i <= n; i++) {
            if (i > 1) line.write('\t');
            LuaString s = tostring.call(args.arg(i)).strvalue();
            if (s == null) throw new org.luaj.vm2.LuaError("'tostring' must return a string to 'print'");
            line.write(s.m_bytes, s.m_offset, s.m_length);
        }
        line.write('\n');
        PrintStream out = g.STDOUT;
        synchronized (out) {
            out.write(line.toByteArray(), 0, line.size()); // an autoflush stream flushes here
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
