package io.skynetj.dns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A DNS question for the A or AAAA records of a name (RFC 1035), and the addresses in its answer. */
final class DnsMessage {
    static final int A = 1, AAAA = 28;
    private static final int IN = 1;
    private static final int RECURSION_DESIRED = 0x0100;

    /** The addresses of an answer and the smallest of their TTLs in seconds (0 when there are none). */
    record Answer(int ttl, List<String> addresses) {}

    private DnsMessage() {}

    static byte[] question(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 18);
        short16(out, id);
        short16(out, RECURSION_DESIRED);
        short16(out, 1); // one question, no records
        short16(out, 0);
        short16(out, 0);
        short16(out, 0);
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) continue;
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
        short16(out, type);
        short16(out, IN);
        return out.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }

    /** The transaction id of a reply, or -1 when it is too short to be one. */
    static int id(byte[] reply, int length) {
        return length < 12 ? -1 : (reply[0] & 0xff) << 8 | (reply[1] & 0xff);
    }

    /** The records of {@code type} in a reply; throws IllegalArgumentException for a malformed one. */
    static Answer answer(byte[] reply, int length, int type) {
        try {
            ByteBuffer b = ByteBuffer.wrap(reply, 0, length);
            b.position(4);
            int questions = b.getShort() & 0xffff, answers = b.getShort() & 0xffff;
            b.position(12);
            for (int i = 0; i < questions; i++) {
                skipName(b);
                b.position(b.position() + 4);
            }
            List<String> addresses = new ArrayList<>();
            long ttl = Long.MAX_VALUE;
            for (int i = 0; i < answers; i++) {
                skipName(b);
                int rtype = b.getShort() & 0xffff, rclass = b.getShort() & 0xffff;
                long rttl = b.getInt() & 0xffffffffL;
                int rdlength = b.getShort() & 0xffff;
                byte[] rdata = new byte[rdlength];
                b.get(rdata);
                if (rtype != type || rclass != IN) continue; // e.g. the CNAME leading to the address
                addresses.add(format(type, rdata));
                ttl = Math.min(ttl, rttl);
            }
            return new Answer(addresses.isEmpty() ? 0 : (int) Math.min(ttl, Integer.MAX_VALUE), addresses);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed DNS reply");
        }
    }

    /** Skips a name: labels up to a zero byte, or up to a compression pointer (two bytes, 0b11 prefix). */
    private static void skipName(ByteBuffer b) {
        for (;;) {
            int len = b.get() & 0xff;
            if (len == 0) return;
            if ((len & 0xc0) == 0xc0) {
                b.get();
                return;
            }
            b.position(b.position() + len);
        }
    }

    /** Dotted decimal for A, eight uncompressed lower-case hex groups for AAAA (as skynet writes them). */
    private static String format(int type, byte[] rdata) {
        StringBuilder sb = new StringBuilder();
        if (type == A) {
            if (rdata.length != 4) throw new IllegalArgumentException("malformed DNS reply");
            for (int i = 0; i < 4; i++) sb.append(i == 0 ? "" : ".").append(rdata[i] & 0xff);
        } else {
            if (rdata.length != 16) throw new IllegalArgumentException("malformed DNS reply");
            for (int i = 0; i < 16; i += 2)
                sb.append(i == 0 ? "" : ":").append(Integer.toHexString((rdata[i] & 0xff) << 8 | (rdata[i + 1] & 0xff)));
        }
        return sb.toString();
    }
}
