package io.skynetj.lpeg;

import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Matches a pattern against a subject by backtracking over the pattern tree. Captures made so far
 * sit in one list; a capture pattern that succeeds folds the captures its body made into one node,
 * and whatever backtracks cuts the list back to where it was.
 */
final class Matcher {
    final LuaString subject;
    final byte[] s;
    final int base;
    final int len;
    /** lpeg.match's arguments, so that Carg(n) is args.arg(n + 3) */
    final Varargs args;
    final List<CapNode> caps = new ArrayList<>();

    Matcher(LuaString subject, Varargs args) {
        this.subject = subject;
        this.s = subject.m_bytes;
        this.base = subject.m_offset;
        this.len = subject.m_length;
        this.args = args;
    }

    int byteAt(int i) {
        return s[base + i] & 0xff;
    }

    /** The end of a match of p starting at i (0-based), or -1. */
    int match(Pattern p, int i) {
        switch (p.op) {
            case ANY:
                return len - i >= p.n ? i + p.n : -1;
            case STRING: {
                byte[] b = p.bytes;
                if (len - i < b.length) return -1;
                for (int k = 0; k < b.length; k++) if (s[base + i + k] != b[k]) return -1;
                return i + b.length;
            }
            case SET:
                return i < len && p.set[byteAt(i)] ? i + 1 : -1;
            case TRUE:
                return i;
            case FALSE:
                return -1;
            case SEQ: {
                int r = match(p.a, i);
                return r < 0 ? -1 : match(p.b, r);
            }
            case CHOICE: {
                int mark = caps.size();
                int r = match(p.a, i);
                if (r >= 0) return r;
                cut(mark);
                return match(p.b, i);
            }
            case REP: {
                int count = 0;
                for (;;) {
                    int mark = caps.size();
                    int r = match(p.a, i);
                    if (r < 0) {
                        cut(mark);
                        return count >= p.n ? i : -1;
                    }
                    count++;
                    if (r == i && count >= p.n) return i;
                    i = r;
                }
            }
            case REP_MAX: {
                for (int count = 0; count < p.n; count++) {
                    int mark = caps.size();
                    int r = match(p.a, i);
                    if (r < 0) {
                        cut(mark);
                        break;
                    }
                    i = r;
                }
                return i;
            }
            case NOT: {
                int mark = caps.size();
                int r = match(p.a, i);
                cut(mark);
                return r >= 0 ? -1 : i;
            }
            case AND:
                return match(p.a, i) >= 0 ? i : -1;
            case BEHIND:
                if (i < p.n) return -1;
                return match(p.a, i - p.n) >= 0 ? i : -1;
            case CALL:
                return match(p.rules.patterns[p.n], i);
            case CAPTURE:
                return capture(p, i);
            case OPEN_REF:
                throw new LuaError("rule '" + Lpeg.show(p.value) + "' used outside a grammar");
        }
        throw new IllegalStateException(p.op.toString());
    }

    private int capture(Pattern p, int i) {
        int mark = caps.size();
        int r = match(p.a, i);
        if (r < 0) return -1;
        CapNode[] children = mark == caps.size() ? CapNode.NONE : caps.subList(mark, caps.size()).toArray(CapNode[]::new);
        cut(mark);
        if (p.cap != Pattern.Capture.RUNTIME) {
            caps.add(new CapNode(p, i, r, children, null));
            return r;
        }
        // match-time capture: evaluate what the body captured now and let the function decide
        CapNode self = new CapNode(p, i, r, children, null);
        List<LuaValue> values = new ArrayList<>();
        new CaptureValues(this).nested(self, new CaptureValues.Scope(caps.toArray(CapNode[]::new), caps.size(), null), values, false);
        LuaValue[] call = new LuaValue[values.size() + 2];
        call[0] = subject;
        call[1] = LuaValue.valueOf(r + 1);
        for (int k = 0; k < values.size(); k++) call[k + 2] = values.get(k);
        Varargs res = p.value.invoke(call);
        LuaValue first = res.arg1();
        if (!first.toboolean()) return -1;
        int end = r;
        if (!first.isboolean()) {
            long pos = first.checklong() - 1;
            if (pos < r || pos > len) throw new LuaError("invalid position returned by match-time capture");
            end = (int) pos;
        }
        Varargs extra = res.narg() > 1 ? res.subargs(2) : LuaValue.NONE;
        if (extra.narg() > 0) caps.add(new CapNode(p, i, end, CapNode.NONE, extra));
        return end;
    }

    private void cut(int mark) {
        for (int k = caps.size() - 1; k >= mark; k--) caps.remove(k);
    }
}
