package io.skynetj.bson;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * bson.objectid: from 24 hex digits, or a new id: 4 bytes of seconds (big-endian), 5 bytes that
 * name this process (a hash of the host name, then the pid), and a 3-byte counter.
 */
final class ObjectIds {
    private final AtomicInteger counter = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 24));

    /**
     * The 5 bytes that name this process, made on the first new id: looking up the host name (the
     * resolver, java.net) is no part of a node's start.
     */
    private static final class ThisProcess {
        static final byte[] ID = id();

        private static byte[] id() {
            int h;
            try {
                h = java.net.InetAddress.getLocalHost().getHostName().hashCode();
            } catch (java.io.IOException e) {
                h = ThreadLocalRandom.current().nextInt();
            }
            long pid = ProcessHandle.current().pid();
            return new byte[] {(byte) h, (byte) (h >> 8), (byte) (h >> 16), (byte) pid, (byte) (pid >> 8)};
        }
    }

    byte[] next(LuaValue hex) {
        byte[] id = new byte[12];
        if (hex.isstring()) {
            String s = hex.tojstring();
            if (s.length() != 24) throw new LuaError("Invalid objectid " + s);
            for (int i = 0; i < 12; i++) id[i] = (byte) (digit(s.charAt(2 * i)) << 4 | digit(s.charAt(2 * i + 1)));
            return id;
        }
        long now = System.currentTimeMillis() / 1000;
        int n = counter.getAndIncrement();
        id[0] = (byte) (now >> 24);
        id[1] = (byte) (now >> 16);
        id[2] = (byte) (now >> 8);
        id[3] = (byte) now;
        System.arraycopy(ThisProcess.ID, 0, id, 4, 5);
        id[9] = (byte) (n >> 16);
        id[10] = (byte) (n >> 8);
        id[11] = (byte) n;
        return id;
    }

    /** skynet's lenient hex: letters past f still count from 10, anything else is 0. */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'z') return c - 'a' + 10;
        if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
        return 0;
    }
}
