package io.skynetj.lua.lib;

import java.io.IOException;
import java.io.InputStream;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * require, package.searchpath and the first two searchers (preload, Lua files) as Lua 5.4 has them:
 * every '?' of a template replaced, "no file 'x'" per candidate, "module 'x' not found:" followed by
 * each searcher's message on its own line, "'package.path' must be a string", require's second result
 * (the file name, or ":preload:"). A searcher giving a message with Lua 5.2's leading newline and tab
 * (as skynetj's javapath searcher does) is shown the same way; an empty message adds no line.
 */
final class PackageFunctions {
    private PackageFunctions() {}

    static void install(Globals g, LuaTable pkg) {
        pkg.set("searchpath", LuaFn.of("searchpath", a -> searchpath(g, a)));
        LuaTable searchers = pkg.get("searchers").checktable();
        searchers.set(1, LuaFn.of("preload searcher", a -> {
            String name = Args.string(a, 1, "searcher").tojstring();
            LuaValue preload = pkg.get("preload");
            if (!preload.istable()) throw new LuaError("'package.preload' must be a table");
            LuaValue loader = preload.get(name);
            return loader.isnil() ? LuaValue.valueOf("no field package.preload['" + name + "']")
                : LuaValue.varargsOf(loader, LuaValue.valueOf(":preload:"));
        }));
        searchers.set(2, LuaFn.of("Lua searcher", a -> luaSearcher(g, pkg, Args.string(a, 1, "searcher").tojstring())));
        // package.cpath's files are listed as Lua lists them but never loaded (no C modules on the JVM);
        // services put their javapath searcher here instead. LuaJ's searcher of Java classes by name is gone.
        searchers.set(3, LuaFn.of("C searcher", a -> cSearcher(g, pkg, Args.string(a, 1, "searcher").tojstring())));
        g.set("require", LuaFn.of("require", a -> require(pkg, Args.string(a, 1, "require"))));
    }

    private static Varargs require(LuaTable pkg, LuaValue name) {
        LuaValue loaded = pkg.get("loaded");
        LuaValue module = loaded.get(name);
        if (module.toboolean()) return module;
        LuaValue searchers = pkg.get("searchers");
        if (!searchers.istable()) throw new LuaError("'package.searchers' must be a table");
        StringBuilder notFound = new StringBuilder();
        for (int i = 1; ; i++) {
            LuaValue searcher = searchers.get(i);
            if (searcher.isnil()) throw new LuaError("module '" + name.tojstring() + "' not found:" + notFound);
            Varargs found = searcher.invoke(name);
            if (found.arg1().isfunction()) {
                LuaValue extra = found.arg(2);
                LuaValue result = found.arg1().call(name, extra);
                if (!result.isnil()) loaded.set(name, result);
                else if (loaded.get(name).isnil()) loaded.set(name, LuaValue.TRUE);
                return LuaValue.varargsOf(loaded.get(name), extra);
            }
            if (found.arg1().isstring()) {
                String message = found.arg1().tojstring();
                if (message.startsWith("\n\t")) message = message.substring(2);
                if (!message.isEmpty()) notFound.append("\n\t").append(message);
            }
        }
    }

    private static Varargs luaSearcher(Globals g, LuaTable pkg, String name) {
        String[] candidates = candidates(name, path(pkg, "path"), ".", "/");
        String file = firstReadable(g, candidates);
        if (file == null) return LuaValue.valueOf(notFound(candidates));
        Varargs chunk = g.loadfile(file);
        if (!chunk.arg1().isfunction()) throw loadError(name, file, chunk.arg(2).tojstring());
        return LuaValue.varargsOf(chunk.arg1(), LuaValue.valueOf(file));
    }

    private static Varargs cSearcher(Globals g, LuaTable pkg, String name) {
        String[] candidates = candidates(name, path(pkg, "cpath"), ".", "/");
        String file = firstReadable(g, candidates);
        if (file == null) return LuaValue.valueOf(notFound(candidates));
        throw loadError(name, file, "dynamic libraries not enabled");
    }

    private static String path(LuaTable pkg, String field) {
        LuaValue path = pkg.get(field);
        if (!path.isstring()) throw new LuaError("'package." + field + "' must be a string");
        return path.tojstring();
    }

    private static LuaError loadError(String name, String file, String why) {
        return new LuaError("error loading module '" + name + "' from file '" + file + "':\n\t" + why);
    }

    private static Varargs searchpath(Globals g, Varargs a) {
        String name = Args.string(a, 1, "searchpath").tojstring(), path = Args.string(a, 2, "searchpath").tojstring();
        String sep = a.isnoneornil(3) ? "." : Args.string(a, 3, "searchpath").tojstring();
        String rep = a.isnoneornil(4) ? "/" : Args.string(a, 4, "searchpath").tojstring();
        String[] candidates = candidates(name, path, sep, rep);
        String file = firstReadable(g, candidates);
        return file != null ? LuaValue.valueOf(file) : LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(notFound(candidates)));
    }

    /** The path's templates (';' apart, empty ones too) with every '?' replaced by the name, sep by rep. */
    private static String[] candidates(String name, String path, String sep, String rep) {
        if (!sep.isEmpty()) name = name.replace(sep, rep);
        return path.replace("?", name).split(";", -1);
    }

    private static String firstReadable(Globals g, String[] candidates) {
        for (String file : candidates) if (readable(g, file)) return file;
        return null;
    }

    private static String notFound(String[] candidates) {
        return "no file '" + String.join("'\n\tno file '", candidates) + "'";
    }

    private static boolean readable(Globals g, String file) {
        InputStream in = g.finder.findResource(file);
        if (in == null) return false;
        try {
            in.close();
        } catch (IOException e) {
            // a file that was found; closing an unread stream has nothing to report
        }
        return true;
    }
}
