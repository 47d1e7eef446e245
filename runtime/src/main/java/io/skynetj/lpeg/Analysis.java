package io.skynetj.lpeg;

import java.util.BitSet;
import org.luaj.vm2.LuaError;

/** Static properties of patterns that LPeg checks when patterns are built. */
final class Analysis {
    private Analysis() {}

    /** Whether p can match the empty string (an unresolved rule counts as not nullable). */
    static boolean nullable(Pattern p) {
        return nullable(p, new BitSet());
    }

    private static boolean nullable(Pattern p, BitSet calling) {
        return switch (p.op) {
            case ANY -> p.n == 0;
            case STRING, SET, FALSE, OPEN_REF -> false;
            case TRUE, NOT, AND, BEHIND, REP_MAX -> true;
            case REP -> p.n == 0 || nullable(p.a, calling);
            case SEQ -> nullable(p.a, calling) && nullable(p.b, calling);
            case CHOICE -> nullable(p.a, calling) || nullable(p.b, calling);
            case CAPTURE -> nullable(p.a, calling);
            case CALL -> {
                if (calling.get(p.n)) yield false;
                calling.set(p.n);
                boolean r = nullable(p.rules.patterns[p.n], calling);
                calling.clear(p.n);
                yield r;
            }
        };
    }

    /** The length every match of p has, or -1 when it varies. */
    static int fixedLength(Pattern p) {
        return fixedLength(p, 0);
    }

    private static int fixedLength(Pattern p, int depth) {
        if (depth > 200) return -1;
        return switch (p.op) {
            case ANY -> p.n;
            case STRING -> p.bytes.length;
            case SET -> 1;
            case TRUE, FALSE, NOT, AND, BEHIND -> 0;
            case REP, REP_MAX, OPEN_REF -> -1;
            case SEQ -> {
                int x = fixedLength(p.a, depth + 1);
                int y = x < 0 ? -1 : fixedLength(p.b, depth + 1);
                yield y < 0 ? -1 : x + y;
            }
            case CHOICE -> {
                int x = fixedLength(p.a, depth + 1);
                yield x >= 0 && x == fixedLength(p.b, depth + 1) ? x : -1;
            }
            case CAPTURE -> p.cap == Pattern.Capture.RUNTIME ? -1 : fixedLength(p.a, depth + 1);
            case CALL -> fixedLength(p.rules.patterns[p.n], depth + 1);
        };
    }

    static boolean hasCaptures(Pattern p) {
        return hasCaptures(p, new BitSet());
    }

    private static boolean hasCaptures(Pattern p, BitSet seen) {
        if (p == null) return false;
        if (p.op == Pattern.Op.CAPTURE) return true;
        if (p.op == Pattern.Op.CALL) {
            if (seen.get(p.n)) return false;
            seen.set(p.n);
            return hasCaptures(p.rules.patterns[p.n], seen);
        }
        return hasCaptures(p.a, seen) || hasCaptures(p.b, seen);
    }

    /** LPeg's checks on a closed grammar: no rule may call itself before consuming input, no loop may match empty. */
    static void checkGrammar(Rules rules) {
        for (int i = 0; i < rules.patterns.length; i++) {
            BitSet active = new BitSet();
            active.set(i);
            leftCalls(rules.patterns[i], rules, active);
        }
        for (int i = 0; i < rules.patterns.length; i++)
            if (hasEmptyLoop(rules.patterns[i])) throw new LuaError("empty loop in rule '" + Lpeg.show(rules.names[i]) + "'");
    }

    /** Follows the calls p makes before consuming anything; returns whether p is nullable. */
    private static boolean leftCalls(Pattern p, Rules rules, BitSet active) {
        return switch (p.op) {
            case ANY -> p.n == 0;
            case STRING, SET, FALSE, OPEN_REF -> false;
            case TRUE, BEHIND -> true;
            case NOT, AND, REP_MAX -> {
                leftCalls(p.a, rules, active);
                yield true;
            }
            case REP -> leftCalls(p.a, rules, active) || p.n == 0;
            case SEQ -> leftCalls(p.a, rules, active) && leftCalls(p.b, rules, active);
            case CHOICE -> leftCalls(p.a, rules, active) | leftCalls(p.b, rules, active);
            case CAPTURE -> leftCalls(p.a, rules, active);
            case CALL -> {
                if (p.rules != rules) yield nullable(p);
                if (active.get(p.n)) throw new LuaError("rule '" + Lpeg.show(rules.names[p.n]) + "' may be left recursive");
                active.set(p.n);
                boolean r = leftCalls(rules.patterns[p.n], rules, active);
                active.clear(p.n);
                yield r;
            }
        };
    }

    private static boolean hasEmptyLoop(Pattern p) {
        if (p == null || p.op == Pattern.Op.CALL) return false;
        if (p.op == Pattern.Op.REP && nullable(p.a)) return true;
        return hasEmptyLoop(p.a) || hasEmptyLoop(p.b);
    }
}
