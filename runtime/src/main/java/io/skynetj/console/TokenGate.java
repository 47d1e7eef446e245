package io.skynetj.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A console's token check, shared by its connections (line protocol and HTTP): wrong tokens are
 * audited and make their host back off ({@link AuthThrottle}); a try during the back-off is refused
 * without looking at the token.
 */
final class TokenGate {
    /** The outcome of one try; {@code message} says what the client should do; {@code waitSeconds} before its next try. */
    record Verdict(boolean accepted, boolean throttled, long waitSeconds, String message) {}

    private final byte[] token;
    private final AuthThrottle throttle = new AuthThrottle();
    private final AuditLog audit;

    /** {@code token} null: no token is needed. */
    TokenGate(String token, AuditLog audit) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.audit = audit;
    }

    boolean required() {
        return token != null;
    }

    /** Checks {@code given} from {@code peer} (host:port) on {@code host}, unless the host must wait first. */
    Verdict check(String peer, String host, String what, String given) {
        long wait = throttle.waitNanos(host);
        if (wait > 0) {
            long s = AuthThrottle.seconds(wait);
            return new Verdict(false, true, s, "Too many wrong tokens from " + host + ": try again in " + s + " s");
        }
        if (given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throttle.succeeded(host);
            return new Verdict(true, false, 0, "Authenticated");
        }
        long next = AuthThrottle.seconds(throttle.failed(host));
        String backOff = next > 0 ? "; " + host + " waits " + next + " s before its next try" : "";
        audit.record(peer, what, "Error: wrong token" + backOff);
        return new Verdict(false, false, next, "Authentication failed" + backOff);
    }
}
