package io.skynetj.socket;

import java.util.ArrayDeque;

/**
 * The bytes a Lua service has received on one socket and not read yet ({@code socketdriver.buffer()}):
 * the received blocks in order, the first one partly consumed.
 */
final class ReadBuffer {
    /** Room for one at first, as NetSocket's send lists: an idle connection's buffer holds nothing. */
    private final ArrayDeque<byte[]> blocks = new ArrayDeque<>(1);
    private int offset; // into the first block
    private int size;

    int push(byte[] block) {
        if (block.length > 0) {
            blocks.add(block);
            size += block.length;
        }
        return size;
    }

    int size() {
        return size;
    }

    /** The next {@code n} bytes, or null when fewer are buffered (or n is 0), as skynet's pop. */
    byte[] pop(int n) {
        if (n <= 0 || n > size) return null;
        return take(n, 0);
    }

    byte[] readAll() {
        return take(size, 0);
    }

    void clear() {
        blocks.clear();
        offset = 0;
        size = 0;
    }

    /** Where the first {@code sep} starts, counted from the first unread byte, or -1. */
    int find(byte[] sep) {
        if (sep.length == 0) return size > 0 ? 0 : -1;
        if (size < sep.length) return -1;
        byte[][] arr = blocks.toArray(new byte[0][]);
        int pos = 0;
        for (int bi = 0; bi < arr.length; bi++) {
            for (int i = bi == 0 ? offset : 0; i < arr[bi].length; i++, pos++) {
                if (pos + sep.length > size) return -1;
                if (matches(arr, bi, i, sep)) return pos;
            }
        }
        return -1;
    }

    private static boolean matches(byte[][] arr, int bi, int i, byte[] sep) {
        for (byte c : sep) {
            if (i == arr[bi].length) {
                bi++;
                i = 0;
            }
            if (arr[bi][i++] != c) return false;
        }
        return true;
    }

    /** Takes a line ending in {@code sep} found at {@code at} by {@link #find}: the line without its separator. */
    byte[] takeLine(int at, int sepLength) {
        return take(at + sepLength, sepLength);
    }

    /** Removes {@code n} bytes and returns the first {@code n - skip} of them. */
    private byte[] take(int n, int skip) {
        byte[] out = new byte[n - skip];
        int copied = 0;
        int left = n;
        while (left > 0) {
            byte[] b = blocks.peek();
            int available = b.length - offset;
            int step = Math.min(available, left);
            int keep = Math.min(step, out.length - copied);
            if (keep > 0) System.arraycopy(b, offset, out, copied, keep);
            copied += keep;
            left -= step;
            offset += step;
            if (offset == b.length) {
                blocks.poll();
                offset = 0;
            }
        }
        size -= n;
        return out;
    }
}
