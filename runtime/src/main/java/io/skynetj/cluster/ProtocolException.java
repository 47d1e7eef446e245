package io.skynetj.cluster;

import java.io.IOException;

/** A packet that breaks the cluster wire format. */
class ProtocolException extends IOException {
    ProtocolException(String message) {
        super(message);
    }

    /** A peer went beyond one of the {@link LinkLimits}: its link is closed. */
    static final class Limit extends ProtocolException {
        Limit(String message) {
            super(message);
        }
    }
}
