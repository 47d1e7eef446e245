package io.skynetj.lua;

import io.skynetj.lua.lib.LuaFn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.CallFrames;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code skynetj lua [options] [script [args]]}: runs a Lua script outside any node, with the libraries
 * a service has, as the {@code lua} program does (skynet's {@code 3rd/lua/lua}): the {@code arg} table,
 * {@code -e}, {@code -l}, {@code -W}, {@code -} for standard input, and on an error "lua: message"
 * with a traceback on standard error and exit status 1.
 */
public final class LuaScript {
    public static final String USAGE = """
        usage: skynetj lua [options] [script [args]]
          -e stat   execute string 'stat'
          -l mod    require library 'mod' into global 'mod'
          -l g=mod  require library 'mod' into global 'g'
          -v        show version information
          -E        ignore environment variables (LUA_PATH, LUA_PATH_5_4)
          -W        turn warnings on
          --        stop handling options
          -         stop handling options and execute stdin
        """;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;

    private LuaScript(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** os.exit while a script runs: unwinds to {@link #run}. An Error, so that pcall lets it through. */
    private static final class Exit extends Error {
        final int status;
        /** os.exit(status, true): the state closes first (its finalizers run), as lua_close. */
        final boolean close;

        Exit(int status, boolean close) {
            super(null, null, false, false);
            this.status = status;
            this.close = close;
        }
    }

    /**
     * Runs the command ({@code args} are what follows {@code lua}) and returns its exit status. {@code out}
     * should flush on every write (print's lines appear at once, in order with the error stream).
     */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        return new LuaScript(in, out, err, env).run(args);
    }

    private int run(List<String> args) {
        List<String[]> actions = new ArrayList<>(); // -e and -l, in order
        boolean warnings = false, ignoreEnv = false, version = false;
        int script = -1;
        for (int i = 0; i < args.size() && script < 0; i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                if (i + 1 < args.size()) script = i + 1;
                break;
            } else if (a.equals("-") || !a.startsWith("-")) {
                script = i;
            } else if (a.equals("-e") || a.equals("-l")) {
                if (i + 1 >= args.size()) return usage("'" + a + "' needs argument");
                actions.add(new String[] {a, args.get(++i)});
            } else if (a.startsWith("-e") || a.startsWith("-l")) {
                actions.add(new String[] {a.substring(0, 2), a.substring(2)});
            } else if (a.equals("-W")) {
                warnings = true;
            } else if (a.equals("-E")) {
                ignoreEnv = true;
            } else if (a.equals("-v")) {
                version = true;
            } else if (a.equals("-i")) {
                err.println("lua: interactive mode (-i) is not supported by skynetj lua");
                return 1;
            } else {
                return usage("unrecognized option '" + a + "'");
            }
        }
        if (version) out.println("skynetj lua: LuaJ 3.0.1 with skynetj's patches and Lua 5.4 libraries");
        if (script < 0 && actions.isEmpty() && !version) {
            if (System.console() != null) return usage("no script (skynetj lua has no interactive mode; '-' runs stdin)");
            script = args.size(); // as lua does when stdin is not a terminal: run it
            args = new ArrayList<>(args);
            args.add("-");
        }
        Globals g = newGlobals(args, script, ignoreEnv);
        int status;
        boolean close = true;
        try {
            status = runActions(g, args, actions, script, warnings);
        } catch (Exit e) {
            status = e.status;
            close = e.close;
        }
        try {
            if (close) g.finalizers.close(); // as lua_close: the __gc of every object still marked
        } catch (Exit e) {
            status = e.status; // os.exit in a finalizer
        } finally {
            out.flush();
            err.flush();
        }
        return status;
    }

    private int runActions(Globals g, List<String> args, List<String[]> actions, int script, boolean warnings) {
        try {
            if (warnings) g.get("warn").call("@on");
            for (String[] action : actions) {
                if (action[0].equals("-e")) {
                    if (!runChunk(g, load(g, action[1].getBytes(StandardCharsets.UTF_8), "=(command line)"), LuaValue.NONE)) return 1;
                } else if (!require(g, action[1])) {
                    return 1;
                }
            }
            if (script < 0) return 0;
            String name = args.get(script);
            LuaValue chunk = name.equals("-") ? load(g, in.readAllBytes(), "=stdin") : loadFile(g, name);
            if (chunk == null) return 1;
            LuaValue[] scriptArgs = args.subList(script + 1, args.size()).stream().map(LuaValue::valueOf).toArray(LuaValue[]::new);
            return runChunk(g, chunk, LuaValue.varargsOf(scriptArgs)) ? 0 : 1;
        } catch (IOException e) {
            err.println("lua: cannot read stdin: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("lua: " + problem);
        err.print(USAGE);
        return 1;
    }

    private Globals newGlobals(List<String> args, int script, boolean ignoreEnv) {
        Globals g = new Globals();
        g.STDOUT = out;
        g.STDERR = err;
        LuaVm.standardLibraries(g);
        g.STDIN = in;
        LuaTable pkg = g.get("package").checktable();
        pkg.set("path", luaPath(ignoreEnv));
        pkg.set("cpath", "");
        LuaTable arg = new LuaTable();
        int zero = script < 0 ? 0 : script + 1; // index of arg[0] in "lua" + args: the script, else "lua"
        arg.set(-zero, "lua");
        for (int i = 0; i < args.size(); i++) arg.set(i + 1 - zero, args.get(i));
        g.set("arg", arg);
        g.get("os").set("exit", LuaFn.of("exit", a -> {
            LuaValue status = a.arg1();
            int code = status.isnil() || status.eq_b(LuaValue.TRUE) ? 0 : status.eq_b(LuaValue.FALSE) ? 1 : status.checkint();
            throw new Exit(code, a.arg(2).toboolean());
        }));
        return g;
    }

    /** LUA_PATH_5_4 or LUA_PATH (";;" standing for the default), else the default: the repository's lua/, then ./ */
    private String luaPath(boolean ignoreEnv) {
        String lib = LuaNode.home().resolve("lua").toString();
        String standard = "./?.lua;./?/init.lua;" + lib + "/?.lua;" + lib + "/?/init.lua";
        String user = ignoreEnv ? null : env.getOrDefault("LUA_PATH_5_4", env.get("LUA_PATH"));
        return user == null ? standard : user.replace(";;", ";" + standard + ";");
    }

    private LuaValue loadFile(Globals g, String name) {
        byte[] source;
        try {
            source = Files.readAllBytes(Path.of(name));
        } catch (NoSuchFileException e) {
            return cannotOpen(name, "No such file or directory");
        } catch (AccessDeniedException e) {
            return cannotOpen(name, "Permission denied");
        } catch (IOException | RuntimeException e) {
            return cannotOpen(name, e.getMessage());
        }
        return load(g, source, "@" + name);
    }

    private LuaValue cannotOpen(String name, String why) {
        err.println("lua: cannot open " + name + (why != null ? ": " + why : ""));
        return null;
    }

    /** Compiles a chunk (a first line starting with '#' is skipped, as lua does); null after reporting a syntax error. */
    private LuaValue load(Globals g, byte[] source, String chunkName) {
        int start = 0; // the skipped line's newline stays, so that line numbers are the file's
        if (source.length > 0 && source[0] == '#') {
            while (start < source.length && source[start] != '\n') start++;
        }
        try {
            return g.load(new ByteArrayInputStream(source, start, source.length - start), chunkName, "bt", g);
        } catch (LuaError e) {
            err.println("lua: " + e.getMessage());
            return null;
        }
    }

    private boolean require(Globals g, String spec) {
        int eq = spec.indexOf('=');
        String global = eq < 0 ? spec : spec.substring(0, eq), module = eq < 0 ? spec : spec.substring(eq + 1);
        LuaValue loader = LuaFn.of("require", a -> g.get("require").call(module));
        LuaValue[] result = new LuaValue[1];
        boolean ok = runChunk(g, LuaFn.of("-l", a -> result[0] = loader.call()), LuaValue.NONE);
        if (ok) g.set(global, result[0]);
        return ok;
    }

    /** Calls a chunk under a handler that adds a traceback, as lua's msghandler does; false after reporting an error. */
    private boolean runChunk(Globals g, LuaValue chunk, Varargs args) {
        CallFrames.calledByHost(g.running);
        LuaValue handler = LuaFn.of("msghandler", a -> messageWithTraceback(g, a.arg1()));
        Varargs r = g.get("xpcall").invoke(LuaValue.varargsOf(chunk, handler, args));
        if (r.arg1().toboolean()) return true;
        LuaValue message = r.arg(2);
        err.println("lua: " + (message.isstring() ? message.tojstring() : "(error object is a " + message.typename() + " value)"));
        return false;
    }

    private static LuaValue messageWithTraceback(Globals g, LuaValue message) {
        if (!message.isstring()) {
            LuaValue tostring = message.metatag(LuaValue.TOSTRING);
            if (!tostring.isnil()) return tostring.call(message); // as lua: such an object gets no traceback
            message = LuaValue.valueOf("(error object is a " + message.typename() + " value)");
        }
        return g.get("debug").get("traceback").call(message, LuaValue.ONE);
    }
}
