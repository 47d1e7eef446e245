package io.skynetj.cluster;

import static io.skynetj.testing.GoldenBytes.concat;
import static io.skynetj.testing.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.skynetj.cluster.RequestAssembler.Rejected;
import io.skynetj.cluster.RequestAssembler.Request;
import io.skynetj.lua.Pack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/**
 * Cluster packets against the wire dumps captured from real skynet (reference skynet-cluster.md §2.7,
 * §2.3, §2.4, §5 #4/#5/#18). Every expected byte string is copied from the reference, not produced by
 * the code under test.
 */
class WireGoldenTest {
    private static final Destination AT_ECHO = Destination.name("@echo".getBytes(StandardCharsets.US_ASCII));

    private static byte[] pack(Object... values) {
        LuaValue[] v = new LuaValue[values.length];
        for (int i = 0; i < values.length; i++) {
            v[i] = switch (values[i]) {
                case String s -> LuaValue.valueOf(s);
                case Integer n -> LuaValue.valueOf(n);
                case Boolean b -> LuaValue.valueOf(b);
                default -> throw new IllegalArgumentException();
            };
        }
        return Pack.pack(LuaValue.varargsOf(v));
    }

    private static void assertFrames(List<String> expectedHex, List<byte[]> frames) {
        List<String> got = new ArrayList<>();
        for (byte[] f : frames) got.add(hex(f));
        List<String> want = new ArrayList<>();
        for (String e : expectedHex) want.add(hex(hex(e)));
        assertEquals(want, got);
    }

    private static byte[] body(byte[] frame) {
        assertEquals(frame.length - 2, ((frame[0] & 0xff) << 8) | (frame[1] & 0xff), "frame length header");
        return Arrays.copyOfRange(frame, 2, frame.length);
    }

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    // ---- the worked examples of §2.7 -------------------------------------------------------------------

    @Test
    void payloadsOfTheExamplesAreSkynetPackBytes() {
        assertEquals("24 65 63 68 6f 0a 01 0c 61 09", hex(pack("echo", 1, "a", true)));
        assertEquals("0a 01 0c 61 09", hex(pack(1, "a", true)));
        assertEquals("24 65 63 68 6f 0a 03", hex(pack("echo", 3)));
        assertEquals("24 70 69 6e 67 2c 68 65 6c 6c 6f", hex(pack("ping", "hello")));
        assertEquals("12 40 9c", hex(pack(40000)));
        assertEquals("0a 0a", hex(pack(10)));
        assertEquals(hex(hex("1c 6c 65 6e 15 40 9c 41 41")), hex(Arrays.copyOf(pack("len", "A".repeat(40000)), 9)));
        assertEquals(hex(hex("25 70 11 01 00 78 78")), hex(Arrays.copyOf(pack("x".repeat(70000)), 7)));
    }

    @Test
    void callByName() {
        assertFrames(List.of("00 15 | 80 | 05 | 40 65 63 68 6f | 01 00 00 00 | 24 65 63 68 6f 0a 01 0c 61 09"),
            RequestCodec.encode(AT_ECHO, 1, pack("echo", 1, "a", true), false));
        assertFrames(List.of("00 0a | 01 00 00 00 | 01 | 0a 01 0c 61 09"), ResponseCodec.encode(1, true, pack(1, "a", true)));
    }

    @Test
    void callByNumber() {
        assertFrames(List.of("00 10|00|0a 00 00 00|04 00 00 00|24 65 63 68 6f 0a 03"),
            RequestCodec.encode(Destination.handle(10), 4, pack("echo", 3), false));
        assertFrames(List.of("00 07|04 00 00 00|01|0a 03"), ResponseCodec.encode(4, true, pack(3)));
    }

    @Test
    void query() {
        assertFrames(List.of("00 0e|00|00 00 00 00|03 00 00 00|24 65 63 68 6f"),
            RequestCodec.encode(Destination.handle(0), 3, pack("echo"), false));
        assertFrames(List.of("00 07|03 00 00 00|01|0a 0a"), ResponseCodec.encode(3, true, pack(10)));
    }

    @Test
    void smallPushCarriesSessionZero() {
        assertFrames(List.of("00 16|80|05|40 65 63 68 6f|00 00 00 00|24 70 69 6e 67 2c 68 65 6c 6c 6f"),
            RequestCodec.encode(AT_ECHO, 77, pack("ping", "hello"), true));
    }

    @Test
    void errorReplies() {
        assertFrames(List.of("00 11|08 00 00 00|00|" + hex("Invalid name".getBytes(StandardCharsets.US_ASCII))),
            ResponseCodec.encode(8, false, "Invalid name".getBytes(StandardCharsets.US_ASCII)));
        byte[] text = "lualib/skynet.lua:720: call failed".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(concat(hex("00 27 07 00 00 00 00"), text), ResponseCodec.encode(7, false, text).get(0));
    }

    @Test
    void errorTextIsCutTo32KiB() {
        List<byte[]> frames = ResponseCodec.encode(9, false, filled(40000, 'e'));
        assertEquals(1, frames.size());
        assertEquals("80 05 09 00 00 00 00", hex(Arrays.copyOf(frames.get(0), 7)));
        assertEquals(7 + 32768, frames.get(0).length);
    }

    @Test
    void emptyAndNilReplies() {
        assertFrames(List.of("00 05|05 00 00 00|01"), ResponseCodec.encode(5, true, new byte[0]));
        assertFrames(List.of("00 06|06 00 00 00|01|00"), ResponseCodec.encode(6, true, Pack.pack(LuaValue.NIL)));
    }

    @Test
    void largeRequest() {
        byte[] payload = pack("len", "A".repeat(40000));
        assertEquals(40007, payload.length);
        List<byte[]> frames = RequestCodec.encode(AT_ECHO, 5, payload, false);
        assertEquals(3, frames.size());
        assertEquals(hex(hex("00 0f | 81 | 05 | 40 65 63 68 6f | 05 00 00 00 | 47 9c 00 00")), hex(frames.get(0)));
        assertArrayEquals(concat(hex("80 05 | 02 | 05 00 00 00"), Arrays.copyOfRange(payload, 0, 32768)), frames.get(1));
        assertArrayEquals(concat(hex("1c 4c | 03 | 05 00 00 00"), Arrays.copyOfRange(payload, 32768, 40007)), frames.get(2));
        assertFrames(List.of("00 08 | 05 00 00 00 | 01 | 12 40 9c"), ResponseCodec.encode(5, true, pack(40000)));
    }

    @Test
    void largeReply() {
        byte[] reply = pack("x".repeat(70000));
        assertEquals(70005, reply.length);
        List<byte[]> frames = ResponseCodec.encode(6, true, reply);
        assertEquals(4, frames.size());
        assertEquals(hex(hex("00 09 | 06 00 00 00 | 02 | 75 11 01 00")), hex(frames.get(0)));
        assertArrayEquals(concat(hex("80 05 | 06 00 00 00 | 03"), Arrays.copyOfRange(reply, 0, 32768)), frames.get(1));
        assertArrayEquals(concat(hex("80 05 | 06 00 00 00 | 03"), Arrays.copyOfRange(reply, 32768, 65536)), frames.get(2));
        assertArrayEquals(concat(hex("11 7a | 06 00 00 00 | 04"), Arrays.copyOfRange(reply, 65536, 70005)), frames.get(3));
    }

    // ---- split thresholds (§2.3, §2.4, §5 #4 #5 #6) ---------------------------------------------------

    @Test
    void requestsSplitFrom32768Bytes() {
        List<byte[]> small = RequestCodec.encode(AT_ECHO, 1, filled(32767, 'p'), false);
        assertEquals(1, small.size());
        assertEquals("80 0a", hex(Arrays.copyOf(small.get(0), 2))); // 6 + 5 + 32767 = 0x800a
        assertEquals(0x80, small.get(0)[2] & 0xff);

        List<byte[]> exact = RequestCodec.encode(AT_ECHO, 2, filled(32768, 'p'), false);
        assertEquals(2, exact.size());
        assertEquals(0x81, exact.get(0)[2] & 0xff);
        assertEquals("80 05 03 02 00 00 00", hex(Arrays.copyOf(exact.get(1), 7)));
    }

    @Test
    void largePushesUseTheirOwnTagsAndSession() {
        byte[] payload = filled(40000, 'q');
        assertEquals("00 0d 41 0a 00 00 00 07 00 00 00 40 9c 00 00",
            hex(RequestCodec.encode(Destination.handle(10), 7, payload, true).get(0)));
        assertEquals("00 0f c1 05 40 65 63 68 6f 07 00 00 00 40 9c 00 00",
            hex(RequestCodec.encode(AT_ECHO, 7, payload, true).get(0)));
    }

    @Test
    void repliesSplitAbove32768Bytes() {
        List<byte[]> whole = ResponseCodec.encode(1, true, filled(32768, 'r'));
        assertEquals(1, whole.size());
        assertEquals("80 05 01 00 00 00 01", hex(Arrays.copyOf(whole.get(0), 7)));

        List<byte[]> split = ResponseCodec.encode(2, true, filled(32769, 'r'));
        assertEquals(3, split.size());
        assertEquals("00 09 02 00 00 00 02 01 80 00 00", hex(split.get(0)));
        assertEquals("80 05 02 00 00 00 03", hex(Arrays.copyOf(split.get(1), 7)));
        assertEquals("00 06 02 00 00 00 04 72", hex(split.get(2)));
    }

    // ---- the receiving side of requests ---------------------------------------------------------------

    @Test
    void decodesTheCapturedRequests() throws Exception {
        RequestAssembler in = new RequestAssembler(LinkLimits.DEFAULTS);
        Request r = assertInstanceOf(Request.class, in.frame(body(hex("00 15 80 05 40 65 63 68 6f 01 00 00 00 24 65 63 68 6f 0a 01 0c 61 09")), 0));
        assertEquals("@echo", r.dest().text());
        assertEquals(1, r.session());
        assertEquals(false, r.push());
        assertEquals("24 65 63 68 6f 0a 01 0c 61 09", hex(r.payload()));

        r = assertInstanceOf(Request.class, in.frame(body(hex("00 10 00 0a 00 00 00 04 00 00 00 24 65 63 68 6f 0a 03")), 0));
        assertEquals(10, r.dest().handle());
        assertEquals(4, r.session());

        r = assertInstanceOf(Request.class, in.frame(body(hex("00 16 80 05 40 65 63 68 6f 00 00 00 00 24 70 69 6e 67 2c 68 65 6c 6c 6f")), 0));
        assertEquals(true, r.push());
        assertEquals(0, r.session());
    }

    @Test
    void reassemblesLargeRequestsInterleavedWithOtherPackets() throws Exception {
        byte[] payload = pack("len", "A".repeat(40000));
        List<byte[]> large = RequestCodec.encode(AT_ECHO, 5, payload, false);
        RequestAssembler in = new RequestAssembler(LinkLimits.DEFAULTS);
        assertNull(in.frame(body(large.get(0)), 0));
        assertNull(in.frame(body(large.get(1)), 0));
        // a small request and a trace tag between the parts (skynet writes parts at low priority)
        assertInstanceOf(Request.class, in.frame(body(RequestCodec.encode(AT_ECHO, 6, pack("echo"), false).get(0)), 0));
        assertNull(in.frame(concat(new byte[] {RequestCodec.TRACE}, "(vm6058-db-15):00000008-1".getBytes(StandardCharsets.US_ASCII)), 0));
        Request r = assertInstanceOf(Request.class, in.frame(body(large.get(2)), 0));
        assertEquals(5, r.session());
        assertArrayEquals(payload, r.payload());
    }

    @Test
    void largePushIsReassembledAsAPush() throws Exception {
        RequestAssembler in = new RequestAssembler(LinkLimits.DEFAULTS);
        Request r = null;
        for (byte[] f : RequestCodec.encode(AT_ECHO, 9, filled(70000, 'z'), true)) r = (Request) in.frame(body(f), 0);
        assertEquals(true, r.push());
        assertEquals(9, r.session());
        assertEquals(70000, r.payload().length);
    }

    @Test
    void malformedLargeRequestsAreRefusedLikeSkynet() throws Exception {
        RequestAssembler in = new RequestAssembler(LinkLimits.DEFAULTS);
        // size mismatch
        assertNull(in.frame(hex("81 05 40 65 63 68 6f 0b 00 00 00 10 00 00 00"), 0)); // announces 16 bytes
        assertEquals(new Rejected(11, "Invalid large req"), in.frame(hex("03 0b 00 00 00 01 02 03"), 0));
        // a final part with no header
        assertEquals(new Rejected(12, "Invalid name"), in.frame(hex("03 0c 00 00 00 01 02 03"), 0));
        // parts with no header, completed later
        assertNull(in.frame(hex("02 0d 00 00 00 01 02"), 0));
        assertEquals(new Rejected(13, "Invalid large req"), in.frame(hex("03 0d 00 00 00 03"), 0));
    }

    @Test
    void badRequestPacketsAreErrors() {
        RequestAssembler in = new RequestAssembler(LinkLimits.DEFAULTS);
        assertThrows(ProtocolException.class, () -> in.frame(new byte[0], 0));
        assertThrows(ProtocolException.class, () -> in.frame(hex("07 01 02"), 0));
        assertThrows(ProtocolException.class, () -> in.frame(hex("00 0a 00 00"), 0));
        assertThrows(ProtocolException.class, () -> in.frame(hex("80 09 40 65"), 0));
        assertThrows(ProtocolException.class, () -> in.frame(hex("01 0a 00 00 00 01 00 00 00"), 0));
    }

    // ---- the calling side of replies ------------------------------------------------------------------

    private record Reply(int session, boolean ok, String data) {}

    @Test
    void decodesRepliesAndMultiPartReplies() throws Exception {
        List<Reply> got = new ArrayList<>();
        ReplyAssembler in = new ReplyAssembler((s, ok, d) -> got.add(new Reply(s, ok, hex(d))), LinkLimits.DEFAULTS);
        in.frame(body(hex("00 0a 01 00 00 00 01 0a 01 0c 61 09")));
        in.frame(body(hex("00 11 08 00 00 00 00 49 6e 76 61 6c 69 64 20 6e 61 6d 65")));
        in.frame(body(hex("00 05 05 00 00 00 01")));
        byte[] big = pack("x".repeat(70000));
        List<byte[]> frames = ResponseCodec.encode(6, true, big);
        in.frame(body(frames.get(0)));
        in.frame(body(frames.get(1)));
        in.frame(body(hex("00 06 07 00 00 00 01 00"))); // another reply between the parts
        in.frame(body(frames.get(2)));
        in.frame(body(frames.get(3)));
        assertEquals(List.of(new Reply(1, true, "0a 01 0c 61 09"), new Reply(8, false, hex("Invalid name".getBytes(StandardCharsets.US_ASCII))),
            new Reply(5, true, ""), new Reply(7, true, "00"), new Reply(6, true, hex(big))), got);
    }

    @Test
    void multiPartReplyOfTheWrongSizeFailsTheCall() throws Exception {
        List<Reply> got = new ArrayList<>();
        ReplyAssembler in = new ReplyAssembler((s, ok, d) -> got.add(new Reply(s, ok, new String(d, StandardCharsets.UTF_8))), LinkLimits.DEFAULTS);
        in.frame(hex("03 00 00 00 02 05 00 00 00")); // announces 5
        in.frame(hex("03 00 00 00 04 01 02"));
        assertEquals(List.of(new Reply(3, false, "multi-part reply is incomplete: 2 bytes received, 5 announced")), got);
    }

    @Test
    void malformedRepliesAreErrors() {
        ReplyAssembler in = new ReplyAssembler((s, ok, d) -> {}, LinkLimits.DEFAULTS);
        assertThrows(ProtocolException.class, () -> in.frame(hex("01 00 00 00")));
        assertThrows(ProtocolException.class, () -> in.frame(hex("01 00 00 00 05")));
        assertThrows(ProtocolException.class, () -> in.frame(hex("01 00 00 00 02 05 00 00")));
    }
}
