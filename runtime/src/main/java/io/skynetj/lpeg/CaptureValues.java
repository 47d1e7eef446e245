package io.skynetj.lpeg;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Turns the capture nodes of a match into Lua values, as LPeg defines each kind of capture. */
final class CaptureValues {
    /** Where a capture sits: its siblings, its index among them, and its parent's place (for back references). */
    record Scope(CapNode[] siblings, int index, Scope parent) {}

    private final Matcher m;
    private int depth;

    CaptureValues(Matcher m) {
        this.m = m;
    }

    /** All values of the top-level captures. */
    List<LuaValue> all(CapNode[] top) {
        List<LuaValue> out = new ArrayList<>();
        for (int i = 0; i < top.length; i++) push(top[i], new Scope(top, i, null), out);
        return out;
    }

    private LuaString whole(CapNode c) {
        return m.subject.substring(c.start, c.end);
    }

    /** The values of c's nested captures; the whole match first if {@code addWhole}, or alone if they give none. */
    int nested(CapNode c, Scope scope, List<LuaValue> out, boolean addWhole) {
        int at = out.size();
        if (addWhole) out.add(whole(c));
        for (int j = 0; j < c.children.length; j++) push(c.children[j], new Scope(c.children, j, scope), out);
        if (out.size() == at) out.add(whole(c));
        return out.size() - at;
    }

    private LuaValue firstNested(CapNode c, Scope scope) {
        List<LuaValue> v = new ArrayList<>();
        nested(c, scope, v, false);
        return v.get(0);
    }

    /** Pushes the values of capture c (at scope) to out; returns how many. */
    int push(CapNode c, Scope scope, List<LuaValue> out) {
        if (++depth > 200) throw new LuaError("subcapture nesting too deep");
        try {
            return values(c, scope, out);
        } finally {
            depth--;
        }
    }

    private int values(CapNode c, Scope scope, List<LuaValue> out) {
        Pattern p = c.pattern;
        switch (c.kind()) {
            case SIMPLE:
                return nested(c, scope, out, true);
            case POSITION:
                out.add(LuaValue.valueOf(c.start + 1));
                return 1;
            case CONST:
                for (int k = 1; k <= p.values.narg(); k++) out.add(p.values.arg(k));
                return p.values.narg();
            case ARG: {
                int index = p.n + 3;
                if (index > m.args.narg()) throw new LuaError("reference to absent extra argument #" + p.n);
                out.add(m.args.arg(index));
                return 1;
            }
            case BACKREF: {
                Scope found = findGroup(p.value, scope);
                return nested(found.siblings[found.index], found, out, false);
            }
            case GROUP:
                return c.isNamedGroup() ? 0 : nested(c, scope, out, false);
            case TABLE: {
                LuaTable t = new LuaTable();
                int n = 0;
                List<LuaValue> v = new ArrayList<>();
                for (int j = 0; j < c.children.length; j++) {
                    CapNode child = c.children[j];
                    Scope cs = new Scope(c.children, j, scope);
                    if (child.isNamedGroup()) {
                        t.set(child.pattern.value, firstNested(child, cs));
                    } else {
                        v.clear();
                        push(child, cs, v);
                        for (LuaValue x : v) t.rawset(++n, x);
                    }
                }
                out.add(t);
                return 1;
            }
            case SUBST: {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                substitute(c, scope, b);
                out.add(LuaString.valueUsing(b.toByteArray()));
                return 1;
            }
            case FOLD: {
                if (c.children.length == 0) throw new LuaError("no initial value for fold capture");
                List<LuaValue> v = new ArrayList<>();
                if (push(c.children[0], new Scope(c.children, 0, scope), v) == 0) throw new LuaError("no initial value for fold capture");
                LuaValue acc = v.get(0);
                for (int j = 1; j < c.children.length; j++) {
                    v.clear();
                    v.add(acc);
                    push(c.children[j], new Scope(c.children, j, scope), v);
                    acc = p.value.invoke(LuaValue.varargsOf(v.toArray(LuaValue[]::new))).arg1();
                }
                out.add(acc);
                return 1;
            }
            case FUNCTION: {
                List<LuaValue> v = new ArrayList<>();
                nested(c, scope, v, false);
                Varargs r = p.value.invoke(LuaValue.varargsOf(v.toArray(LuaValue[]::new)));
                for (int k = 1; k <= r.narg(); k++) out.add(r.arg(k));
                return r.narg();
            }
            case QUERY: {
                LuaValue v = p.value.get(firstNested(c, scope));
                if (v.isnil()) return 0;
                out.add(v);
                return 1;
            }
            case STRING: {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                format(c, scope, b);
                out.add(LuaString.valueUsing(b.toByteArray()));
                return 1;
            }
            case NUMBER: {
                if (p.n == 0) return 0;
                List<LuaValue> v = new ArrayList<>();
                nested(c, scope, v, false);
                if (v.size() < p.n) throw new LuaError("no capture '" + p.n + "'");
                out.add(v.get(p.n - 1));
                return 1;
            }
            case RUNTIME:
                for (int k = 1; k <= c.runtime.narg(); k++) out.add(c.runtime.arg(k));
                return c.runtime.narg();
        }
        throw new IllegalStateException(c.kind().toString());
    }

    /** The most recent complete named group before the reference, looking outward. */
    private static Scope findGroup(LuaValue name, Scope scope) {
        for (Scope sc = scope; sc != null; sc = sc.parent) {
            for (int k = sc.index - 1; k >= 0; k--) {
                CapNode c = sc.siblings[k];
                if (c.isNamedGroup() && c.pattern.value.raweq(name)) return new Scope(sc.siblings, k, sc.parent);
            }
        }
        throw new LuaError("back reference '" + Lpeg.show(name) + "' not found");
    }

    private void substitute(CapNode c, Scope scope, ByteArrayOutputStream b) {
        int cur = c.start;
        for (int j = 0; j < c.children.length; j++) {
            CapNode child = c.children[j];
            copy(b, cur, child.start);
            cur = addOne(child, new Scope(c.children, j, scope), b, "replacement") ? child.end : child.start;
        }
        copy(b, cur, c.end);
    }

    /** Appends the first value of a capture (which must be a string or number); false if it gave none. */
    private boolean addOne(CapNode c, Scope scope, ByteArrayOutputStream b, String what) {
        switch (c.kind()) {
            case STRING -> format(c, scope, b);
            case SUBST -> substitute(c, scope, b);
            default -> {
                List<LuaValue> v = new ArrayList<>();
                if (push(c, scope, v) == 0) return false;
                LuaValue x = v.get(0);
                if (!x.isstring()) throw new LuaError("invalid " + what + " value (a " + x.typename() + ")");
                LuaString str = x.strvalue();
                b.write(str.m_bytes, str.m_offset, str.m_length);
            }
        }
        return true;
    }

    /** {@code patt / "format"}: %0 is the whole match, %1..%9 the nested captures (simple captures' own nested ones count too). */
    private void format(CapNode c, Scope scope, ByteArrayOutputStream b) {
        List<Scope> parts = new ArrayList<>();
        parts.add(new Scope(new CapNode[] {c}, 0, scope));
        flatten(c, scope, parts);
        LuaString fmt = c.pattern.value.strvalue();
        for (int i = 0; i < fmt.m_length; i++) {
            int ch = fmt.luaByte(i);
            if (ch != '%' || i + 1 >= fmt.m_length) {
                b.write(ch);
                continue;
            }
            int d = fmt.luaByte(++i);
            if (d < '0' || d > '9') {
                b.write(d);
                continue;
            }
            int k = d - '0';
            if (k >= parts.size()) throw new LuaError("invalid capture index (" + k + ")");
            Scope part = parts.get(k);
            CapNode pc = part.siblings[part.index];
            if (k == 0 || pc.kind() == Pattern.Capture.SIMPLE) copy(b, pc.start, pc.end);
            else if (!addOne(pc, part, b, "capture")) throw new LuaError("no values in capture index " + k);
        }
    }

    private static void flatten(CapNode c, Scope scope, List<Scope> parts) {
        for (int j = 0; j < c.children.length && parts.size() < 10; j++) {
            Scope cs = new Scope(c.children, j, scope);
            parts.add(cs);
            if (c.children[j].kind() == Pattern.Capture.SIMPLE) flatten(c.children[j], cs, parts);
        }
    }

    private void copy(ByteArrayOutputStream b, int from, int to) {
        if (to > from) b.write(m.s, m.base + from, to - from);
    }
}
