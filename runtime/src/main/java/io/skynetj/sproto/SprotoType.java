package io.skynetj.sproto;

/**
 * A sproto type: fields in ascending tag order. Filled in after construction because field types
 * may refer to types defined later in the schema (or to the type itself).
 */
final class SprotoType {
    private final String name;
    private Field[] fields = new Field[0];
    /** Header slots an encoding may need: one per field plus one per gap between tags. */
    private int maxSlots;

    SprotoType(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    Field[] fields() {
        return fields;
    }

    int maxSlots() {
        return maxSlots;
    }

    void define(Field[] sorted) {
        this.fields = sorted;
        int slots = 0;
        int last = -1;
        for (Field f : sorted) {
            if (f.tag() > last + 1) slots++;
            slots++;
            last = f.tag();
        }
        this.maxSlots = slots;
    }

    Field byTag(int tag) {
        int lo = 0;
        int hi = fields.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = fields[mid].tag();
            if (t == tag) return fields[mid];
            if (t < tag) lo = mid + 1;
            else hi = mid - 1;
        }
        return null;
    }
}
