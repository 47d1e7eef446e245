package io.skynetj.lpeg;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * An LPeg pattern: an immutable tree. Grammars are closed when built: their rule references
 * ({@link Op#OPEN_REF}) become {@link Op#CALL}s into the grammar's {@link Rules}.
 */
final class Pattern {
    enum Op {
        /** n bytes */
        ANY,
        STRING, SET, TRUE, FALSE, SEQ, CHOICE,
        /** at least n repetitions */
        REP,
        /** at most n repetitions */
        REP_MAX,
        NOT, AND, BEHIND, CAPTURE,
        /** lpeg.V(name) not yet inside a grammar */
        OPEN_REF,
        /** a rule of a closed grammar: rules.get(n) */
        CALL
    }

    final Op op;
    final Pattern a;
    final Pattern b;
    final int n;
    final byte[] bytes;
    final boolean[] set;
    final Capture cap;
    /** OPEN_REF: the rule name; CAPTURE: the capture's Lua value (name, function, table, format...) */
    final LuaValue value;
    /** Cc's values */
    final Varargs values;
    final Rules rules;
    /** Whether an {@link Op#OPEN_REF} is reachable without passing through a closed grammar. */
    final boolean open;

    private Pattern(Op op, Pattern a, Pattern b, int n, byte[] bytes, boolean[] set, Capture cap, LuaValue value, Varargs values, Rules rules) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.n = n;
        this.bytes = bytes;
        this.set = set;
        this.cap = cap;
        this.value = value;
        this.values = values;
        this.rules = rules;
        this.open = op == Op.OPEN_REF || a != null && a.open || b != null && b.open;
    }

    /** The capture kinds (lpeg's C, Cp, Cc, ..., and patt / x). */
    enum Capture { SIMPLE, POSITION, CONST, ARG, BACKREF, GROUP, TABLE, SUBST, FOLD, FUNCTION, QUERY, STRING, NUMBER, RUNTIME }

    static final Pattern TRUE = new Pattern(Op.TRUE, null, null, 0, null, null, null, null, null, null);
    static final Pattern FALSE = new Pattern(Op.FALSE, null, null, 0, null, null, null, null, null, null);

    static Pattern any(int n) {
        return new Pattern(Op.ANY, null, null, n, null, null, null, null, null, null);
    }

    static Pattern string(byte[] s) {
        return s.length == 0 ? TRUE : new Pattern(Op.STRING, null, null, 0, s, null, null, null, null, null);
    }

    static Pattern set(boolean[] s) {
        return new Pattern(Op.SET, null, null, 0, null, s, null, null, null, null);
    }

    static Pattern seq(Pattern a, Pattern b) {
        if (a.op == Op.FALSE || b.op == Op.TRUE) return a;
        if (a.op == Op.TRUE) return b;
        return new Pattern(Op.SEQ, a, b, 0, null, null, null, null, null, null);
    }

    static Pattern choice(Pattern a, Pattern b) {
        if (a.op == Op.SET && b.op == Op.SET) {
            boolean[] s = new boolean[256];
            for (int i = 0; i < 256; i++) s[i] = a.set[i] || b.set[i];
            return set(s);
        }
        if (a.op == Op.FALSE) return b;
        if (b.op == Op.FALSE) return a;
        return new Pattern(Op.CHOICE, a, b, 0, null, null, null, null, null, null);
    }

    static Pattern rep(Pattern p, int n) {
        return new Pattern(n >= 0 ? Op.REP : Op.REP_MAX, p, null, Math.abs(n), null, null, null, null, null, null);
    }

    static Pattern not(Pattern p) {
        return new Pattern(Op.NOT, p, null, 0, null, null, null, null, null, null);
    }

    static Pattern and(Pattern p) {
        return new Pattern(Op.AND, p, null, 0, null, null, null, null, null, null);
    }

    static Pattern behind(Pattern p, int length) {
        return new Pattern(Op.BEHIND, p, null, length, null, null, null, null, null, null);
    }

    static Pattern capture(Capture kind, Pattern p, LuaValue value, int n) {
        return new Pattern(Op.CAPTURE, p, null, n, null, null, kind, value, null, null);
    }

    static Pattern constants(Varargs values) {
        return new Pattern(Op.CAPTURE, TRUE, null, 0, null, null, Capture.CONST, null, values, null);
    }

    static Pattern openRef(LuaValue name) {
        return new Pattern(Op.OPEN_REF, null, null, 0, null, null, null, name, null, null);
    }

    static Pattern call(Rules rules, int index) {
        return new Pattern(Op.CALL, null, null, index, null, null, null, null, null, rules);
    }

    /** A copy of this node with other children (for closing a grammar). */
    Pattern with(Pattern newA, Pattern newB) {
        if (newA == a && newB == b) return this;
        return new Pattern(op, newA, newB, n, bytes, set, cap, value, values, rules);
    }
}
