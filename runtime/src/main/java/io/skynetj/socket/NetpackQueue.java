package io.skynetj.socket;

import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * skynet's netpack queue: cuts each connection's byte stream into packets framed by a 2-byte
 * big-endian length. Whole packets beyond the first of a block wait here for {@code pop}; a packet
 * cut by the block's end waits per connection for the rest.
 */
final class NetpackQueue {
    record Packet(int fd, byte[] data) {}

    /** A packet still being received: its size (-1 while only the size's first byte came) and the bytes so far. */
    private static final class Partial {
        int firstSizeByte;
        int size = -1;
        byte[] data;
        int read;
    }

    private final ArrayDeque<Packet> ready = new ArrayDeque<>();
    private final HashMap<Integer, Partial> partial = new HashMap<>();

    /**
     * Cuts {@code block} (bytes of connection {@code fd}). Returns the one packet completed when the
     * block ended with it (skynet's "data"), else null: then either nothing is complete yet, or
     * completed packets were queued (skynet's "more": {@link #readyCount} grew).
     */
    Packet filter(int fd, byte[] block) {
        if (block.length == 0) return null;
        int pos = 0;
        Partial p = partial.remove(fd);
        if (p != null) {
            if (p.size < 0) {
                p.size = p.firstSizeByte << 8 | (block[pos++] & 0xff);
                p.data = new byte[p.size];
            }
            int need = p.size - p.read;
            int take = Math.min(need, block.length - pos);
            System.arraycopy(block, pos, p.data, p.read, take);
            p.read += take;
            pos += take;
            if (p.read < p.size) {
                partial.put(fd, p);
                return null;
            }
            if (pos == block.length) return new Packet(fd, p.data);
            ready.add(new Packet(fd, p.data));
        } else if (block.length >= 2) {
            int size = (block[0] & 0xff) << 8 | (block[1] & 0xff);
            if (block.length - 2 == size) {
                byte[] data = new byte[size];
                System.arraycopy(block, 2, data, 0, size);
                return new Packet(fd, data);
            }
        }
        cut(fd, block, pos);
        return null;
    }

    /** Queues the whole packets of block[pos..] and keeps a trailing partial one. */
    private void cut(int fd, byte[] block, int pos) {
        while (pos < block.length) {
            Partial p = new Partial();
            if (block.length - pos == 1) {
                p.firstSizeByte = block[pos] & 0xff;
                partial.put(fd, p);
                return;
            }
            p.size = (block[pos] & 0xff) << 8 | (block[pos + 1] & 0xff);
            pos += 2;
            p.data = new byte[p.size];
            p.read = Math.min(p.size, block.length - pos);
            System.arraycopy(block, pos, p.data, 0, p.read);
            pos += p.read;
            if (p.read < p.size) {
                partial.put(fd, p);
                return;
            }
            ready.add(new Packet(fd, p.data));
        }
    }

    int readyCount() {
        return ready.size();
    }

    Packet pop() {
        return ready.poll();
    }

    /** The connection closed: its partial packet is dropped. */
    void closed(int fd) {
        partial.remove(fd);
    }

    void clear() {
        ready.clear();
        partial.clear();
    }
}
