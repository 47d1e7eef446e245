package io.skynetj.kernel;

/**
 * A map from session (a non-zero int) to an object, without boxing the key or a node per entry: a
 * call registers and removes a session per round trip, and a {@code HashMap<Integer, Object>} cost
 * three Integers and a node for it. Open addressing with linear probing; a removal shifts the entries
 * after it back, so no tombstones build up. Not thread-safe (the baton holder's).
 */
final class SessionTable {
    private int[] keys = new int[8];
    private Object[] values = new Object[8];
    private int size;

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private int find(int key) {
        if (key == 0) return -1;
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) return i;
            if (k == 0) return -1;
        }
    }

    Object get(int key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    boolean containsKey(int key) {
        return find(key) >= 0;
    }

    /** Maps {@code key} (not 0) to {@code value}; returns the value it replaced, or null. */
    Object put(int key, Object value) {
        if (key == 0) throw new IllegalArgumentException("session 0");
        if ((size + 1) * 4 > keys.length * 3) grow();
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                Object old = values[i];
                values[i] = value;
                return old;
            }
            if (k == 0) {
                keys[i] = key;
                values[i] = value;
                size++;
                return null;
            }
        }
    }

    /** Removes {@code key}; returns its value, or null. */
    Object remove(int key) {
        int i = find(key);
        if (i < 0) return null;
        Object old = values[i];
        size--;
        int mask = keys.length - 1;
        // shift back the entries of the run after i whose home slot is not in (i, j]
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (stays) continue;
            keys[i] = keys[j];
            values[i] = values[j];
            i = j;
        }
        keys[i] = 0;
        values[i] = null;
        return old;
    }

    /** Slots to look at with {@link #valueAt}. */
    int capacity() {
        return keys.length;
    }

    /** The value in slot {@code i}, or null when the slot is free. */
    Object valueAt(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    void clear() {
        java.util.Arrays.fill(keys, 0);
        java.util.Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != 0) put(oldKeys[i], oldValues[i]);
    }
}
