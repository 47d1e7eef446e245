package io.skynetj.lua.lib;

import org.luaj.vm2.LuaArgError;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumbers;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * table.insert, remove, concat, unpack and sort as Lua 5.4 has them: elements are read and written
 * through {@code __index}/{@code __newindex} and the length through {@code __len}, so they work on
 * proxies; a value that is not a table is accepted if its metatable has what the function needs.
 */
final class TableFunctions {
    private TableFunctions() {}

    private static final int READ = 1, WRITE = 2, LENGTH = 4;

    static void install(LuaTable table) {
        table.set("insert", LuaFn.of("insert", TableFunctions::insert));
        table.set("remove", LuaFn.of("remove", TableFunctions::remove));
        table.set("concat", LuaFn.of("concat", TableFunctions::concat));
        table.set("unpack", LuaFn.of("unpack", TableFunctions::unpack));
        table.set("sort", LuaFn.of("sort", TableFunctions::sort));
    }

    /** Lua's checktab: a table, or a value whose metatable has the fields the operation needs. */
    private static LuaValue table(Varargs args, int arg, int needs, String function) {
        LuaValue t = args.arg(arg);
        if (t.istable()) return t;
        LuaValue mt = t.getmetatable();
        boolean ok = mt != null
            && ((needs & READ) == 0 || !mt.rawget(LuaValue.INDEX).isnil())
            && ((needs & WRITE) == 0 || !mt.rawget(LuaValue.NEWINDEX).isnil())
            && ((needs & LENGTH) == 0 || !mt.rawget(LuaValue.LEN).isnil());
        if (!ok) throw Args.expected(args, arg, function, "table");
        return t;
    }

    /** luaL_len: the length through __len, which must be an integer. */
    static long length(LuaValue t) {
        LuaValue n = t.len();
        LuaInteger i = n.isnumber() ? LuaNumbers.toInteger(n.tonumber()) : null;
        if (i == null) throw new LuaError("object length is not an integer");
        return i.v;
    }

    private static LuaValue at(LuaValue t, long i) {
        return t.get(LuaValue.valueOf(i));
    }

    private static void put(LuaValue t, long i, LuaValue v) {
        t.set(LuaValue.valueOf(i), v);
    }

    private static Varargs insert(Varargs args) {
        LuaValue t = table(args, 1, READ | WRITE | LENGTH, "insert");
        long end = length(t) + 1, pos;
        switch (args.narg()) {
            case 2 -> pos = end;
            case 3 -> {
                pos = Args.integer(args, 2, "insert");
                Args.check(Long.compareUnsigned(pos - 1, end) < 0, 2, "insert", "position out of bounds");
                for (long i = end; i > pos; i--) put(t, i, at(t, i - 1));
            }
            default -> throw new LuaError("wrong number of arguments to 'insert'");
        }
        put(t, pos, args.arg(args.narg()));
        return LuaValue.NONE;
    }

    private static Varargs remove(Varargs args) {
        LuaValue t = table(args, 1, READ | WRITE | LENGTH, "remove");
        long size = length(t);
        long pos = Args.optInteger(args, 2, "remove", size);
        if (pos != size) Args.check(Long.compareUnsigned(pos - 1, size) <= 0, 1, "remove", "position out of bounds");
        LuaValue removed = at(t, pos);
        for (; pos < size; pos++) put(t, pos, at(t, pos + 1));
        put(t, pos, LuaValue.NIL);
        return removed;
    }

    private static Varargs concat(Varargs args) {
        LuaValue t = table(args, 1, READ | LENGTH, "concat");
        LuaValue sep = args.isnoneornil(2) ? LuaValue.EMPTYSTRING : Args.string(args, 2, "concat");
        long first = Args.optInteger(args, 3, "concat", 1);
        long last = args.isnoneornil(4) ? length(t) : Args.integer(args, 4, "concat");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long i = first; i <= last; i++) {
            LuaValue v = at(t, i);
            if (!v.isstring()) throw new LuaError("invalid value (" + v.typename() + ") at index " + i + " in table for 'concat'");
            org.luaj.vm2.LuaString s = v.strvalue();
            out.write(s.m_bytes, s.m_offset, s.m_length);
            if (i < last) {
                org.luaj.vm2.LuaString p = sep.strvalue();
                out.write(p.m_bytes, p.m_offset, p.m_length);
            }
            if (i == Long.MAX_VALUE) break;
        }
        return org.luaj.vm2.LuaString.valueUsing(out.toByteArray());
    }

    /** Lua's stack limit (LUAI_MAXSTACK) bounds how many values one call can return. */
    private static final long MAX_RESULTS = 1_000_000;

    private static Varargs unpack(Varargs args) {
        LuaValue t = args.arg(1);
        long first = Args.optInteger(args, 2, "unpack", 1);
        long last = args.isnoneornil(3) ? length(t) : Args.integer(args, 3, "unpack");
        if (first > last) return LuaValue.NONE;
        long n = last - first; // may wrap: then it is negative, as C's unsigned compare sees a huge count
        if (n < 0 || n >= MAX_RESULTS) throw new LuaError("too many results to unpack");
        LuaValue[] values = new LuaValue[(int) n + 1];
        for (int i = 0; i <= n; i++) values[i] = at(t, first + i);
        return LuaValue.varargsOf(values);
    }

    private static Varargs sort(Varargs args) {
        LuaValue t = table(args, 1, READ | WRITE | LENGTH, "sort");
        long n = length(t);
        if (n > 1) {
            Args.check(n < Integer.MAX_VALUE, 1, "sort", "array too big");
            LuaValue less = args.arg(2);
            if (!less.isnil() && !less.isfunction())
                throw Args.expected(args, 2, "sort", "function");
            LuaValue[] a = new LuaValue[(int) n];
            for (int i = 0; i < n; i++) a[i] = at(t, i + 1);
            new Sorter(a, less).sort(0, a.length - 1);
            for (int i = 0; i < n; i++) put(t, i + 1, a[i]);
        }
        return LuaValue.NONE;
    }

    /**
     * Quicksort with the middle element as pivot. Its scans stop at the array's ends; a scan that gets
     * there means the order function is inconsistent, reported as Lua reports it.
     */
    private static final class Sorter {
        private final LuaValue[] a;
        private final LuaValue less;

        Sorter(LuaValue[] a, LuaValue less) {
            this.a = a;
            this.less = less;
        }

        private boolean lt(LuaValue x, LuaValue y) {
            if (less.isnil()) return x.lt_b(y);
            try {
                return less.call(x, y).toboolean();
            } catch (LuaError e) {
                LuaArgError.calledFromJava(e, less); // a bad argument of the order function is its own
                throw e;
            }
        }

        void sort(int lo, int hi) {
            while (lo < hi) {
                if (hi - lo == 1) {
                    if (lt(a[hi], a[lo])) swap(lo, hi);
                    return;
                }
                int mid = (lo + hi) >>> 1;
                // order a[lo], a[mid], a[hi]; the median becomes the pivot, kept at hi - 1
                if (lt(a[mid], a[lo])) swap(mid, lo);
                if (lt(a[hi], a[mid])) {
                    swap(hi, mid);
                    if (lt(a[mid], a[lo])) swap(mid, lo);
                }
                if (hi - lo == 2) return;
                LuaValue pivot = a[mid];
                swap(mid, hi - 1);
                int i = lo, j = hi - 1;
                for (;;) {
                    while (lt(a[++i], pivot))
                        if (i >= hi) throw new LuaError("invalid order function for sorting");
                    while (lt(pivot, a[--j]))
                        if (j <= lo) throw new LuaError("invalid order function for sorting");
                    if (j < i) break;
                    swap(i, j);
                }
                swap(hi - 1, i);
                // recurse into the smaller part, loop on the larger
                if (i - lo < hi - i) {
                    sort(lo, i - 1);
                    lo = i + 1;
                } else {
                    sort(i + 1, hi);
                    hi = i - 1;
                }
            }
        }

        private void swap(int x, int y) {
            LuaValue v = a[x];
            a[x] = a[y];
            a[y] = v;
        }
    }
}
