package io.skynetj.kernel;

/** A reply detached by {@code skynet.response()}: sent later, once, by {@link Service#respond}. */
public final class PendingResponse {
    final int source;
    final int session;
    boolean done;

    PendingResponse(int source, int session) {
        this.source = source;
        this.session = session;
    }
}
