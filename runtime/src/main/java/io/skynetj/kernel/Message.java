package io.skynetj.kernel;

/**
 * One message between services. The payload is owned by the message: senders hand over a fresh
 * array (skynet.pack output or a copied string), so no two services ever share mutable data.
 */
public final class Message {
    public final int source;
    public final int session;
    public final int type;
    public final byte[] data;

    public Message(int source, int session, int type, byte[] data) {
        this.source = source;
        this.session = session;
        this.type = type;
        this.data = data == null ? EMPTY : data;
    }

    public static final byte[] EMPTY = new byte[0];

    /** A reply or an error reply to a session this service is waiting on (timers are replies too). */
    boolean isReply() {
        return type == Ptype.RESPONSE || (type == Ptype.ERROR && session != 0);
    }
}
