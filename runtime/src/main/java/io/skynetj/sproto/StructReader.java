package io.skynetj.sproto;

/**
 * Walks the fields of one encoded struct: a 16-bit slot count, the slots, then the data parts.
 * An even slot {@code v > 0} holds the small value {@code v/2 - 1} inline; slot 0 means the value
 * is the next length-prefixed data part; an odd slot skips {@code (v-1)/2} tags.
 */
final class StructReader {
    private final byte[] bytes;
    private final int slotsAt;
    private final int slotCount;
    private final int end;
    private int slot = -1;
    private int tag = -1;
    private int dataAt;
    private int inline;
    private int dataOffset;
    private int dataLength;

    StructReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.end = offset + length;
        if (length < 2) throw new MalformedException("struct header");
        this.slotCount = u16(bytes, offset);
        this.slotsAt = offset + 2;
        this.dataAt = slotsAt + 2 * slotCount;
        if (dataAt > end) throw new MalformedException("struct slots");
    }

    int slotCount() {
        return slotCount;
    }

    /** Moves to the next field that has a value (inline or data); false when there is none. */
    boolean next() {
        while (++slot < slotCount) {
            int v = u16(bytes, slotsAt + 2 * slot);
            tag++;
            if ((v & 1) != 0) {
                tag += v / 2;
                continue;
            }
            inline = v / 2 - 1;
            if (inline < 0) {
                if (end - dataAt < 4) throw new MalformedException("data length");
                long len = u32(bytes, dataAt);
                if (len > end - dataAt - 4) throw new MalformedException("data part");
                dataOffset = dataAt + 4;
                dataLength = (int) len;
                dataAt = dataOffset + dataLength;
            }
            return true;
        }
        return false;
    }

    int tag() {
        return tag;
    }

    /** The value is in the slot; {@link #inline()} holds it. */
    boolean isInline() {
        return inline >= 0;
    }

    int inline() {
        return inline;
    }

    int dataOffset() {
        return dataOffset;
    }

    int dataLength() {
        return dataLength;
    }

    /** Bytes used so far: after the last {@link #next()} returned false, the struct's size. */
    int consumed(int offset) {
        return dataAt - offset;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    static long s64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
