package io.skynetj.cluster;

import java.io.IOException;

/** A packet that breaks the cluster wire format. */
final class ProtocolException extends IOException {
    ProtocolException(String message) {
        super(message);
    }
}
