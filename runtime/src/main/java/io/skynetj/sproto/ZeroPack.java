package io.skynetj.sproto;

import java.io.ByteArrayOutputStream;

/**
 * sproto's 0-packing. Input is taken in groups of 8 bytes (the last padded with zeros); a group is
 * written as a bit mask of its non-zero bytes followed by those bytes, except that a run of groups
 * with at most two zeros each, started by a group without any, is written raw: 0xff, the number of
 * groups minus one (at most 256 groups), then the groups.
 */
final class ZeroPack {
    private ZeroPack() {}

    static byte[] pack(byte[] src, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 2 + length / 1024);
        byte[] group = new byte[8];
        int runCountAt = -1;
        byte[] run = new byte[256 * 8];
        int runGroups = 0;
        for (int i = 0; i < length; i += 8) {
            int n = Math.min(8, length - i);
            System.arraycopy(src, i, group, 0, n);
            java.util.Arrays.fill(group, n, 8, (byte) 0);
            int mask = 0;
            int nonZero = 0;
            for (int j = 0; j < 8; j++) {
                if (group[j] != 0) {
                    mask |= 1 << j;
                    nonZero++;
                }
            }
            if (runGroups > 0 && nonZero >= 6 || runGroups == 0 && nonZero == 8) {
                System.arraycopy(group, 0, run, runGroups * 8, 8);
                if (++runGroups == 256) {
                    flushRun(out, run, runGroups);
                    runGroups = 0;
                }
                continue;
            }
            if (runGroups > 0) {
                flushRun(out, run, runGroups);
                runGroups = 0;
            }
            out.write(mask);
            for (int j = 0; j < 8; j++) if (group[j] != 0) out.write(group[j]);
        }
        if (runGroups > 0) flushRun(out, run, runGroups);
        return out.toByteArray();
    }

    private static void flushRun(ByteArrayOutputStream out, byte[] run, int groups) {
        out.write(0xff);
        out.write(groups - 1);
        out.write(run, 0, groups * 8);
    }

    /** The unpacked bytes (a multiple of 8 long); throws {@link MalformedException} on a cut stream. */
    static byte[] unpack(byte[] src, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 2);
        int at = 0;
        while (at < length) {
            int header = src[at++] & 0xff;
            if (header == 0xff) {
                if (at >= length) throw new MalformedException("unpack");
                int n = ((src[at] & 0xff) + 1) * 8;
                if (length - at < n + 1) throw new MalformedException("unpack");
                out.write(src, at + 1, n);
                at += n + 1;
            } else {
                for (int j = 0; j < 8; j++) {
                    if ((header >> j & 1) != 0) {
                        if (at >= length) throw new MalformedException("unpack");
                        out.write(src[at++]);
                    } else {
                        out.write(0);
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
