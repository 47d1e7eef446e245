package io.skynetj.lpeg;

import io.skynetj.lua.lib.LuaFn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The table {@code require "lpeg"} returns: LPeg 1.1's functions over {@link Pattern}s, which Lua
 * sees as userdata whose metatable gives the pattern operators (+ - * ^ # / and unary -).
 */
final class Lpeg {
    static final String VERSION = "LPeg 1.1.0";
    private static final int MAX_BEHIND = 255;

    private final LuaTable module = new LuaTable();
    private final LuaTable meta = new LuaTable();
    private int maxStack = 400;

    private Lpeg() {}

    static LuaTable create() {
        return new Lpeg().build();
    }

    private LuaTable build() {
        fn("P", a -> wrap(pattern(a.arg1(), 1)));
        fn("S", a -> {
            LuaString s = a.checkstring(1);
            boolean[] set = new boolean[256];
            for (int i = 0; i < s.m_length; i++) set[s.luaByte(i)] = true;
            return wrap(Pattern.set(set));
        });
        fn("R", a -> {
            boolean[] set = new boolean[256];
            for (int k = 1; k <= a.narg(); k++) {
                LuaString r = a.checkstring(k);
                if (r.m_length != 2) throw new LuaError("bad argument #" + k + " to 'R' (range must have two characters)");
                for (int c = r.luaByte(0); c <= r.luaByte(1); c++) set[c] = true;
            }
            return wrap(Pattern.set(set));
        });
        fn("V", a -> {
            if (a.arg1().isnil()) throw new LuaError("bad argument #1 to 'V' (non-nil value expected)");
            return wrap(Pattern.openRef(a.arg1()));
        });
        fn("B", a -> {
            Pattern p = pattern(a.arg1(), 1);
            int n = Analysis.fixedLength(p);
            if (n < 0) throw new LuaError("bad argument #1 to 'B' (pattern may not have fixed length)");
            if (Analysis.hasCaptures(p)) throw new LuaError("bad argument #1 to 'B' (pattern have captures)");
            if (n > MAX_BEHIND) throw new LuaError("bad argument #1 to 'B' (pattern too long to look behind)");
            return wrap(Pattern.behind(p, n));
        });
        fn("C", a -> capture(Pattern.Capture.SIMPLE, a, null, 0));
        fn("Cs", a -> capture(Pattern.Capture.SUBST, a, null, 0));
        fn("Ct", a -> capture(Pattern.Capture.TABLE, a, null, 0));
        fn("Cg", a -> capture(Pattern.Capture.GROUP, a, a.narg() >= 2 ? a.arg(2) : LuaValue.NIL, 0));
        fn("Cf", a -> capture(Pattern.Capture.FOLD, a, a.checkfunction(2), 0));
        fn("Cmt", a -> capture(Pattern.Capture.RUNTIME, a, a.checkfunction(2), 0));
        fn("Cp", a -> wrap(Pattern.capture(Pattern.Capture.POSITION, Pattern.TRUE, null, 0)));
        fn("Cc", a -> {
            LuaValue[] v = new LuaValue[a.narg()];
            for (int k = 0; k < v.length; k++) v[k] = a.arg(k + 1);
            return wrap(Pattern.constants(LuaValue.varargsOf(v)));
        });
        fn("Cb", a -> wrap(Pattern.capture(Pattern.Capture.BACKREF, Pattern.TRUE, a.arg1(), 0)));
        fn("Carg", a -> {
            int n = a.checkint(1);
            if (n <= 0 || n > Short.MAX_VALUE) throw new LuaError("bad argument #1 to 'Carg' (invalid argument index)");
            return wrap(Pattern.capture(Pattern.Capture.ARG, Pattern.TRUE, null, n));
        });
        fn("match", this::match);
        fn("type", a -> pattern(a.arg1()) != null ? LuaValue.valueOf("pattern") : LuaValue.NIL);
        fn("setmaxstack", a -> {
            int n = a.checkint(1);
            if (n <= 0) throw new LuaError("bad argument #1 to 'setmaxstack' (out of range)");
            maxStack = n;
            return LuaValue.NONE;
        });
        fn("locale", a -> Locale.fill(a.arg1().istable() ? a.arg1().checktable() : new LuaTable(), this::wrap));
        module.set("version", VERSION);

        meta.set("__index", module);
        meta.set("__name", "pattern");
        meta.set("__add", LuaFn.of("__add", a -> wrap(Pattern.choice(operand(a, 1), operand(a, 2)))));
        meta.set("__mul", LuaFn.of("__mul", a -> wrap(Pattern.seq(operand(a, 1), operand(a, 2)))));
        meta.set("__sub", LuaFn.of("__sub", a -> wrap(difference(operand(a, 1), operand(a, 2)))));
        meta.set("__unm", LuaFn.of("__unm", a -> wrap(Pattern.not(operand(a, 1)))));
        meta.set("__len", LuaFn.of("__len", a -> wrap(Pattern.and(operand(a, 1)))));
        meta.set("__pow", LuaFn.of("__pow", a -> wrap(power(operand(a, 1), a.checkint(2)))));
        meta.set("__div", LuaFn.of("__div", a -> wrap(divide(operand(a, 1), a.arg(2)))));
        return module;
    }

    private void fn(String name, LuaFn.Body body) {
        module.set(name, LuaFn.of(name, body));
    }

    LuaValue wrap(Pattern p) {
        return new LuaUserdata(p, meta);
    }

    private static Pattern pattern(LuaValue v) {
        return v instanceof LuaUserdata u && u.m_instance instanceof Pattern p ? p : null;
    }

    private Pattern operand(Varargs a, int i) {
        return pattern(a.arg(i), i);
    }

    /** LPeg's conversion of a Lua value to a pattern. */
    private Pattern pattern(LuaValue v, int arg) {
        Pattern p = pattern(v);
        if (p != null) return p;
        switch (v.type()) {
            case LuaValue.TSTRING: {
                LuaString s = v.checkstring();
                byte[] b = new byte[s.m_length];
                s.copyInto(0, b, 0, b.length);
                return Pattern.string(b);
            }
            case LuaValue.TNUMBER: {
                int n = v.toint();
                return n >= 0 ? Pattern.any(n) : Pattern.not(Pattern.any(-n));
            }
            case LuaValue.TBOOLEAN:
                return v.toboolean() ? Pattern.TRUE : Pattern.FALSE;
            case LuaValue.TTABLE:
                return grammar(v.checktable());
            case LuaValue.TFUNCTION:
                return Pattern.capture(Pattern.Capture.RUNTIME, Pattern.TRUE, v, 0);
            default:
                throw new LuaError("bad argument #" + arg + " (pattern expected, got " + v.typename() + ")");
        }
    }

    private LuaValue capture(Pattern.Capture kind, Varargs a, LuaValue value, int n) {
        return wrap(Pattern.capture(kind, pattern(a.arg1(), 1), value, n));
    }

    private static Pattern difference(Pattern a, Pattern b) {
        if (a.op == Pattern.Op.SET && b.op == Pattern.Op.SET) {
            boolean[] s = new boolean[256];
            for (int i = 0; i < 256; i++) s[i] = a.set[i] && !b.set[i];
            return Pattern.set(s);
        }
        return Pattern.seq(Pattern.not(b), a);
    }

    private static Pattern power(Pattern p, int n) {
        if (n >= 0 && Analysis.nullable(p)) throw new LuaError("loop body may accept empty string");
        return Pattern.rep(p, n);
    }

    private static Pattern divide(Pattern p, LuaValue x) {
        switch (x.type()) {
            case LuaValue.TSTRING:
                return Pattern.capture(Pattern.Capture.STRING, p, x, 0);
            case LuaValue.TNUMBER: {
                int n = x.toint();
                if (n < 0 || n > Short.MAX_VALUE) throw new LuaError("bad argument #2 to '__div' (invalid number)");
                return Pattern.capture(Pattern.Capture.NUMBER, p, null, n);
            }
            case LuaValue.TTABLE:
                return Pattern.capture(Pattern.Capture.QUERY, p, x, 0);
            case LuaValue.TFUNCTION:
                return Pattern.capture(Pattern.Capture.FUNCTION, p, x, 0);
            default:
                throw new LuaError("unexpected " + x.typename() + " as 2nd operand to LPeg '/'");
        }
    }

    /** A grammar: the table's rules closed over each other; the pattern is a call of the initial rule. */
    private Pattern grammar(LuaTable t) {
        LuaValue first = t.rawget(1);
        LuaValue initial;
        if (first.isnil()) throw new LuaError("grammar has no initial rule");
        if (first.type() == LuaValue.TSTRING || first.type() == LuaValue.TNUMBER) {
            initial = first;
            if (t.rawget(initial).isnil()) throw new LuaError("initial rule '" + show(initial) + "' is not a pattern");
        } else {
            initial = LuaValue.ONE;
        }
        List<LuaValue> names = new ArrayList<>();
        List<Pattern> bodies = new ArrayList<>();
        names.add(initial);
        bodies.add(rule(t, initial, t.rawget(initial)));
        for (Varargs kv = t.next(LuaValue.NIL); !kv.arg1().isnil(); kv = t.next(kv.arg1())) {
            LuaValue k = kv.arg1();
            if (k.raweq(initial) || (k.raweq(LuaValue.ONE) && initial != LuaValue.ONE)) continue;
            names.add(k);
            bodies.add(rule(t, k, kv.arg(2)));
        }
        Rules rules = new Rules(names.toArray(LuaValue[]::new));
        Map<LuaValue, Integer> index = new HashMap<>();
        for (int i = 0; i < rules.names.length; i++) index.put(rules.names[i], i);
        for (int i = 0; i < rules.names.length; i++) rules.patterns[i] = close(bodies.get(i), rules, index);
        Analysis.checkGrammar(rules);
        return Pattern.call(rules, 0);
    }

    private Pattern rule(LuaTable t, LuaValue name, LuaValue body) {
        Pattern p = pattern(body);
        if (p != null) return p;
        try {
            return pattern(body, 1);
        } catch (LuaError e) {
            throw new LuaError("rule '" + show(name) + "' is not a pattern");
        }
    }

    private static Pattern close(Pattern p, Rules rules, Map<LuaValue, Integer> index) {
        if (!p.open) return p;
        if (p.op == Pattern.Op.OPEN_REF) {
            Integer i = index.get(p.value);
            if (i == null) throw new LuaError("rule '" + show(p.value) + "' undefined in given grammar");
            return Pattern.call(rules, i);
        }
        return p.with(p.a == null ? null : close(p.a, rules, index), p.b == null ? null : close(p.b, rules, index));
    }

    private Varargs match(Varargs a) {
        Pattern p = pattern(a.arg1(), 1);
        LuaString subject = a.checkstring(2);
        long init = a.optlong(3, 1);
        int len = subject.m_length;
        int start = init > 0 ? (int) Math.min(init - 1, len) : (int) Math.max(0, len + init);
        Matcher m = new Matcher(subject, a);
        int end;
        try {
            end = m.match(p, start);
        } catch (StackOverflowError e) {
            throw new LuaError("backtrack stack overflow (current limit is " + maxStack + ")");
        }
        if (end < 0) return LuaValue.NIL;
        List<LuaValue> values = new CaptureValues(m).all(m.caps.toArray(CapNode[]::new));
        if (values.isEmpty()) return LuaValue.valueOf(end + 1);
        return LuaValue.varargsOf(values.toArray(LuaValue[]::new));
    }

    static String show(LuaValue v) {
        return v.isstring() ? v.tojstring() : v.typename();
    }
}
