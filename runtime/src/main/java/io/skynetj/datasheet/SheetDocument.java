package io.skynetj.datasheet;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * One datasheet document, read in place from the bytes of the Lua string its builder made (the
 * node's only copy). Layout, little-endian: u32 offset of the string area, u32 table count n, u32 n
 * table offsets (from the end of that index; 0xffffffff for a table an update removed), the tables,
 * then NUL-terminated strings. A table: u32 array size, u32 string-key count, one type byte per
 * value padded to 4, the array's values, then (string offset, value) pairs; a value is 4 bytes.
 */
final class SheetDocument {
    static final int NIL = 0, INTEGER = 1, REAL = 2, BOOLEAN = 3, TABLE = 4, STRING = 5;
    static final int REMOVED = 0xffffffff;

    private final byte[] bytes;
    private final int base;
    private final int length;

    SheetDocument(LuaString s) {
        this(s.m_bytes, s.m_offset, s.m_length);
    }

    SheetDocument(byte[] bytes, int base, int length) {
        this.bytes = bytes;
        this.base = base;
        this.length = length;
        if (length < 8 || tableAreaStart() > length || stringArea() > length) throw invalid();
    }

    int tableCount() {
        return u32(4);
    }

    int stringArea() {
        return u32(0);
    }

    /** Where the table area starts (after the header and the index). */
    int tableAreaStart() {
        long end = 8L + 4L * Integer.toUnsignedLong(tableCount());
        return end > length ? Integer.MAX_VALUE : (int) end;
    }

    /** The index slot of table {@code index}: its offset in the table area, or REMOVED. */
    int slot(int index) {
        return u32(8 + 4 * index);
    }

    /** The position of table {@code index}, or -1 when an update removed it. */
    int table(int index) {
        int off = slot(index);
        if (off == REMOVED) return -1;
        long pos = (long) tableAreaStart() + Integer.toUnsignedLong(off);
        if (pos + 8 > length) throw invalid();
        return (int) pos;
    }

    int arraySize(int table) {
        return u32(table);
    }

    int dictSize(int table) {
        return u32(table + 4);
    }

    int type(int table, int i) {
        return u8(table + 8 + i);
    }

    /** Where the 4-byte values of a table start (array values, then key/value pairs). */
    int values(int table) {
        return table + 8 + ((arraySize(table) + dictSize(table) + 3) & ~3);
    }

    int u32(int pos) {
        if (pos < 0 || pos + 4 > length) throw invalid();
        int p = base + pos;
        return (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff) << 16 | (bytes[p + 3] & 0xff) << 24;
    }

    int u8(int pos) {
        if (pos < 0 || pos >= length) throw invalid();
        return bytes[base + pos] & 0xff;
    }

    /** The Lua value of a 4-byte cell of the given type; tables are resolved by the caller. */
    LuaValue scalar(int type, int pos) {
        int raw = u32(pos);
        return switch (type) {
            case NIL -> LuaValue.NIL;
            case INTEGER -> LuaValue.valueOf(raw);
            case REAL -> LuaValue.valueOf((double) Float.intBitsToFloat(raw));
            case BOOLEAN -> LuaValue.valueOf(raw != 0);
            case STRING -> string(raw);
            default -> throw new LuaError("Invalid type " + type + " at " + pos);
        };
    }

    LuaString string(int offset) {
        long start = Integer.toUnsignedLong(stringArea()) + Integer.toUnsignedLong(offset);
        if (start >= length) throw invalid();
        int end = (int) start;
        while (end < length && bytes[base + end] != 0) end++;
        return LuaString.valueOf(bytes, base + (int) start, end - (int) start);
    }

    /** The bytes of [from, to) of the document. */
    byte[] slice(int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(bytes, base + from, out, 0, to - from);
        return out;
    }

    int length() {
        return length;
    }

    private static LuaError invalid() {
        return new LuaError("Invalid datasheet data");
    }
}
