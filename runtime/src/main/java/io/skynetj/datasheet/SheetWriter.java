package io.skynetj.datasheet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.LuaNumbers;
import org.luaj.vm2.Varargs;

/**
 * Turns a Lua table into a datasheet document (layout in {@link SheetDocument}): tables numbered in
 * the order they are first met (a table before the tables inside it), array part by ipairs, string
 * keys by next; every other key must be an index of the array part. Whole numbers in int32 range
 * are integers, other numbers 32-bit floats; each distinct string is stored once.
 */
final class SheetWriter {
    private final List<byte[]> tables = new ArrayList<>();
    private final Map<LuaString, Integer> stringOffsets = new HashMap<>();
    private final Cells strings = new Cells();

    static LuaString dump(LuaTable root) {
        SheetWriter w = new SheetWriter();
        w.table(root);
        return w.document();
    }

    private LuaString document() {
        int tableBytes = 0;
        for (byte[] t : tables) tableBytes += t.length;
        Cells out = new Cells();
        out.u32(8 + 4 * tables.size() + tableBytes);
        out.u32(tables.size());
        int offset = 0;
        for (byte[] t : tables) {
            out.u32(offset);
            offset += t.length;
        }
        for (byte[] t : tables) out.write(t, 0, t.length);
        strings.writeTo(out);
        if (strings.size() == 0) out.write(0); // skynet's dump ends an empty string area with one NUL too
        return LuaString.valueUsing(out.toByteArray());
    }

    /** Encodes t and the tables under it; returns t's number. */
    private int table(LuaTable t) {
        int index = tables.size();
        tables.add(null);
        Cells types = new Cells();
        Cells cells = new Cells();
        int arraySize = 0;
        for (LuaValue v; !(v = t.rawget(arraySize + 1)).isnil(); arraySize++) value(v, types, cells);
        int dictSize = 0;
        Cells pairs = new Cells();
        for (Varargs n = t.next(LuaValue.NIL); !n.arg1().isnil(); n = t.next(n.arg1())) {
            LuaValue k = n.arg1();
            if (k.type() == LuaValue.TSTRING) {
                pairs.u32(stringOffset((LuaString) k.checkstring()));
                value(n.arg(2), types, pairs);
                dictSize++;
            } else {
                LuaValue ik = k.isnumber() ? LuaNumbers.toInteger(k) : null;
                if (ik == null || ik.tolong() < 1 || ik.tolong() > arraySize) throw new LuaError("assertion failed!");
            }
        }
        Cells out = new Cells();
        out.u32(arraySize);
        out.u32(dictSize);
        types.writeTo(out);
        for (int pad = (4 - types.size()) & 3; pad > 0; pad--) out.write(0);
        cells.writeTo(out);
        pairs.writeTo(out);
        tables.set(index, out.toByteArray());
        return index;
    }

    private void value(LuaValue v, Cells types, Cells cells) {
        switch (v.type()) {
            case LuaValue.TTABLE -> {
                int sub = table((LuaTable) v);
                types.write(SheetDocument.TABLE);
                cells.u32(sub);
            }
            case LuaValue.TNUMBER -> {
                LuaValue i = LuaNumbers.toInteger(v);
                if (i != null && i.tolong() == (int) i.tolong()) {
                    types.write(SheetDocument.INTEGER);
                    cells.u32((int) i.tolong());
                } else {
                    types.write(SheetDocument.REAL);
                    cells.u32(Float.floatToRawIntBits((float) v.todouble()));
                }
            }
            case LuaValue.TBOOLEAN -> {
                types.write(SheetDocument.BOOLEAN);
                cells.u32(v.toboolean() ? 0x01000000 : 0); // bytes 0 0 0 1, as skynet's dump writes true
            }
            case LuaValue.TSTRING -> {
                types.write(SheetDocument.STRING);
                cells.u32(stringOffset((LuaString) v.checkstring()));
            }
            default -> throw new LuaError("Unsupport value " + v.tojstring());
        }
    }

    private int stringOffset(LuaString s) {
        Integer known = stringOffsets.get(s);
        if (known != null) return known;
        int offset = strings.size();
        strings.write(s.m_bytes, s.m_offset, s.m_length);
        strings.write(0);
        stringOffsets.put(s, offset);
        return offset;
    }

    /** A byte buffer that also writes little-endian 32-bit cells. */
    static final class Cells extends ByteArrayOutputStream {
        void u32(int v) {
            write(v);
            write(v >>> 8);
            write(v >>> 16);
            write(v >>> 24);
        }

        @Override
        public void writeTo(java.io.OutputStream out) {
            try {
                super.writeTo(out);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
