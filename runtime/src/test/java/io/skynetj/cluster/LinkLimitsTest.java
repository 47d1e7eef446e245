package io.skynetj.cluster;

import static io.skynetj.testing.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits on what one link may make the node hold, on the paths the end-to-end tests do not take. */
class LinkLimitsTest {
    private static final LinkLimits SMALL = new LinkLimits(8, 2, 1000);

    @Test
    void partsWithoutAHeaderCannotGrowPastTheMessageLimit() throws Exception {
        RequestAssembler in = new RequestAssembler(SMALL);
        assertNull(in.frame(hex("02 0d 00 00 00 01 02 03 04 05"), 0));
        ProtocolException e = assertThrows(ProtocolException.Limit.class, () -> in.frame(hex("02 0d 00 00 00 06 07 08 09"), 0));
        assertTrue(e.getMessage().contains("more than 8 bytes sent in parts"), e.getMessage());
    }

    @Test
    void sessionsCountReassemblingAndServedRequests() throws Exception {
        RequestAssembler in = new RequestAssembler(SMALL);
        assertNull(in.frame(hex("02 01 00 00 00 01"), 0)); // one large request in parts
        assertThrows(ProtocolException.Limit.class, () -> in.frame(hex("00 0a 00 00 00 02 00 00 00"), 1)); // + one served + this one
        assertEquals(1, in.reassembling());
    }

    @Test
    void multiPartRepliesAreBoundedToo() throws Exception {
        ReplyAssembler in = new ReplyAssembler((s, ok, d) -> {}, SMALL);
        assertThrows(ProtocolException.Limit.class, () -> in.frame(hex("03 00 00 00 02 09 00 00 00"))); // announces 9 > 8
        in.frame(hex("01 00 00 00 03 01")); // a part with no begin
        in.frame(hex("02 00 00 00 03 01"));
        assertThrows(ProtocolException.Limit.class, () -> in.frame(hex("03 00 00 00 03 01")));
    }

    @Test
    void theConfigKeysAreCheckedAndHaveDefaults() {
        assertEquals(LinkLimits.DEFAULTS, LinkLimits.of(k -> null));
        assertEquals(new LinkLimits(1000, 3, 500), LinkLimits.of(Map.of("cluster_max_message", "1000", "cluster_max_sessions", "3",
            "cluster_handshake_timeout", "0.5")::get));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkLimits.of(Map.of("cluster_max_sessions", "0")::get));
        assertEquals("cluster_max_sessions must be requests from 1 to 2147483647, not 0", e.getMessage());
    }
}
