package io.skynetj.lua;

import io.skynetj.cache.CodeCache;
import io.skynetj.cache.CompiledChunk;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * One service's file loader: every {@code loadfile}, {@code dofile}, {@code require} and the
 * service's main file go through the shared {@link CodeCache} (mode ON, EXIST or OFF as skynet's
 * {@code codecache.mode}); each load is a fresh closure with this service's environment.
 */
final class CodeLoader {
    private final CodeCache cache;
    private String mode = "ON";
    /** path → code version of every file this service loaded. */
    private final Map<String, String> versions = new LinkedHashMap<>();

    CodeLoader(CodeCache cache) {
        this.cache = cache;
    }

    /** Loads a file as a function with environment {@code env}; raises {@code cannot open <file>} or the compile error. */
    LuaFunction load(String filename, LuaValue env) {
        CompiledChunk chunk;
        try {
            chunk = switch (mode) {
                case "OFF" -> CodeCache.compile(filename);
                case "EXIST" -> {
                    CompiledChunk c = cache.peek(filename);
                    yield c != null ? c : CodeCache.compile(filename);
                }
                default -> cache.load(filename);
            };
        } catch (IOException e) {
            throw new LuaError("cannot open " + filename);
        }
        versions.put(filename, chunk.version());
        return new LuaClosure(chunk.prototype(), env);
    }

    String mode() {
        return mode;
    }

    void mode(String m) {
        if (!m.equals("ON") && !m.equals("EXIST") && !m.equals("OFF"))
            throw new LuaError("invalid codecache mode " + m + " (ON, EXIST or OFF)");
        mode = m;
    }

    Map<String, String> versions() {
        return versions;
    }

    /** Lua's {@code loadfile(filename [, mode [, env]])}: the function, or nil and the message. */
    LuaFunction loadfileFunction(LuaValue globals) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue env = args.narg() >= 3 ? args.arg(3) : globals;
                try {
                    return CodeLoader.this.load(args.checkjstring(1), env);
                } catch (LuaError e) {
                    return varargsOf(NIL, valueOf(e.getMessage()));
                }
            }
        };
    }

    /** Lua's {@code dofile(filename)}: runs the file and returns its results; errors propagate. */
    LuaFunction dofileFunction(LuaValue globals) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return CodeLoader.this.load(args.checkjstring(1), globals).invoke();
            }
        };
    }
}
