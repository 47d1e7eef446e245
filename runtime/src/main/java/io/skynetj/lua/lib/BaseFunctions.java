package io.skynetj.lua.lib;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Base functions as Lua 5.4 has them: {@code ipairs} through {@code __index}, {@code select} with
 * negative indexes and 5.4's errors, {@code load} with its mode checked as 5.4 checks it, and
 * {@code warn} (off until "@on", to the state's standard error as "Lua warning: ...").
 */
final class BaseFunctions {
    private BaseFunctions() {}

    private static final LuaValue IPAIRS_STEP = CallBoundary.around(LuaFn.of("ipairs_step", a -> {
        long i = a.arg(2).tolong() + 1;
        LuaValue v = a.arg1().get(LuaValue.valueOf(i));
        return v.isnil() ? LuaValue.NIL : LuaValue.varargsOf(LuaValue.valueOf(i), v);
    }), CallBoundary::firstHasMetatable);

    static void install(Globals g) {
        g.set("ipairs", LuaFn.of("ipairs", a -> {
            if (a.narg() == 0) throw Args.bad(1, "ipairs", "value expected");
            return LuaValue.varargsOf(IPAIRS_STEP, a.arg1(), LuaValue.valueOf(0));
        }));
        g.set("select", LuaFn.of("select", BaseFunctions::select));
        g.set("load", LuaFn.of("load", a -> load(g, a)));
        g.set("warn", new Warn(g));
        g.set("tostring", LuaFn.of("tostring", a -> {
            if (a.narg() == 0) throw Args.bad(1, "tostring", "value expected");
            return DisplayString.of(a.arg1());
        }));
        g.set("rawset", LuaFn.of("rawset", BaseFunctions::rawset));
        LuaValue luajToNumber = g.get("tonumber");
        g.set("tonumber", LuaFn.of("tonumber", a -> a.isnoneornil(2) ? luajToNumber.invoke(a) : toNumberInBase(a)));
        // the language services run, not LuaJ's name ("Luaj-jse 3.0.1"): code such as sprotoparser.lua picks
        // its Lua 5.3+ path from it
        g.set("_VERSION", "Lua 5.4");
    }

    private static Varargs select(Varargs a) {
        int n = a.narg();
        LuaValue first = a.arg1();
        if (first.type() == LuaValue.TSTRING && first.strvalue().luaByte(0) == '#' && first.strvalue().length() > 0)
            return LuaValue.valueOf(n - 1);
        long i = Args.integer(a, 1, "select");
        if (i < 0) i = n + i;
        else if (i > n) i = n;
        Args.check(i >= 1, 1, "select", "index out of range");
        return a.subargs((int) i + 1);
    }

    /** rawset(t, k, v) with Lua 5.4's checks: a nil or NaN key is an error, as in an assignment. */
    private static Varargs rawset(Varargs a) {
        LuaValue t = a.arg1();
        if (!t.istable()) throw Args.expected(a, 1, "rawset", "table");
        for (int i = 2; i <= 3; i++) if (a.narg() < i) throw Args.bad(i, "rawset", "value expected");
        LuaValue k = a.arg(2);
        if (k.isnil()) throw new LuaError("table index is nil");
        if (k.type() == LuaValue.TNUMBER && Double.isNaN(k.todouble())) throw new LuaError("table index is NaN");
        t.rawset(k, a.arg(3));
        return t;
    }

    /**
     * tonumber(s, base) as Lua 5.4: a string only, base 2..36, an optional sign, letters for digits
     * above 9, spaces around; the value wraps around as an integer; anything else gives nil.
     */
    private static LuaValue toNumberInBase(Varargs a) {
        long base = Args.integer(a, 2, "tonumber");
        if (a.arg1().type() != LuaValue.TSTRING)
            throw Args.expected(a, 1, "tonumber", "string");
        Args.check(base >= 2 && base <= 36, 2, "tonumber", "base out of range");
        LuaString s = a.arg1().strvalue();
        int i = 0, n = s.length();
        while (i < n && isSpace(s.luaByte(i))) i++;
        boolean negative = i < n && s.luaByte(i) == '-';
        if (i < n && (s.luaByte(i) == '-' || s.luaByte(i) == '+')) i++;
        int digitsFrom = i;
        long value = 0;
        for (; i < n && Character.isLetterOrDigit(s.luaByte(i)) && s.luaByte(i) < 0x80; i++) {
            int c = s.luaByte(i);
            int digit = c <= '9' ? c - '0' : Character.toUpperCase(c) - 'A' + 10;
            if (digit >= base) return LuaValue.NIL;
            value = value * base + digit;
        }
        if (i == digitsFrom) return LuaValue.NIL;
        while (i < n && isSpace(s.luaByte(i))) i++;
        return i == n ? LuaValue.valueOf(negative ? -value : value) : LuaValue.NIL;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** load(chunk [, chunkname [, mode [, env]]]): a failure is returned as nil and a message. */
    private static Varargs load(Globals g, Varargs a) {
        LuaValue chunk = a.arg1();
        String mode = a.isnoneornil(3) ? "bt" : Args.string(a, 3, "load").tojstring();
        byte[] source;
        String name;
        if (chunk.isstring()) {
            LuaString s = chunk.strvalue();
            source = new byte[s.m_length];
            System.arraycopy(s.m_bytes, s.m_offset, source, 0, s.m_length);
            name = a.isnoneornil(2) ? s.tojstring() : Args.string(a, 2, "load").tojstring();
        } else if (chunk.isfunction()) {
            name = a.isnoneornil(2) ? "=(load)" : Args.string(a, 2, "load").tojstring();
            try {
                source = readAll(chunk);
            } catch (LuaError e) {
                return failed(e.getMessageObject());
            }
        } else {
            throw Args.expected(a, 1, "load", "function");
        }
        boolean binary = source.length > 0 && source[0] == 0x1B;
        if (binary && mode.indexOf('b') < 0) return failed(LuaValue.valueOf("attempt to load a binary chunk (mode is '" + mode + "')"));
        if (!binary && mode.indexOf('t') < 0) return failed(LuaValue.valueOf("attempt to load a text chunk (mode is '" + mode + "')"));
        if (!binary && source.length > 0 && source[0] == '#') {
            // LuaJ's lexer skips a first line starting with '#', as Lua does for files only: a space in
            // front (same line, no column in messages) keeps it, so "#x" is a syntax error as in Lua
            byte[] spaced = new byte[source.length + 1];
            spaced[0] = ' ';
            System.arraycopy(source, 0, spaced, 1, source.length);
            source = spaced;
        }
        LuaValue env = a.narg() >= 4 ? a.arg(4) : g;
        try {
            return g.load(new ByteArrayInputStream(source), name, "bt", env);
        } catch (LuaError e) {
            return failed(e.getMessageObject());
        }
    }

    /** The pieces a reader function gives, until it returns nil or an empty string. */
    private static byte[] readAll(LuaValue reader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (;;) {
            LuaValue piece = reader.call();
            if (piece.isnil()) break;
            if (!piece.isstring()) throw new LuaError("reader function must return a string");
            LuaString s = piece.strvalue();
            if (s.m_length == 0) break;
            out.write(s.m_bytes, s.m_offset, s.m_length);
        }
        return out.toByteArray();
    }

    private static Varargs failed(LuaValue message) {
        return LuaValue.varargsOf(LuaValue.NIL, message != null ? message : LuaValue.NIL);
    }

    /** warn(msg1, ...): off until warn("@on"); each warning one line on the state's standard error. */
    private static final class Warn extends StateFunction {
        private volatile boolean on;

        Warn(Globals globals) {
            super(globals);
            name = "warn";
        }

        @Override
        public Varargs invoke(Varargs a) {
            int n = a.narg();
            if (n == 0) throw Args.bad(1, "warn", "string expected, got no value");
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            for (int i = 1; i <= n; i++) {
                LuaString s = Args.string(a, i, "warn");
                message.write(s.m_bytes, s.m_offset, s.m_length);
            }
            String text = message.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            if (n == 1 && text.startsWith("@")) { // a control message
                if (text.equals("@on")) on = true;
                else if (text.equals("@off")) on = false;
                return NONE;
            }
            if (on) {
                java.io.PrintStream err = globals.STDERR;
                byte[] line = ("Lua warning: " + text + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                synchronized (err) {
                    err.write(line, 0, line.length);
                    err.flush();
                }
            }
            return NONE;
        }
    }
}
