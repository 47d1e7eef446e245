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
    /** A kernel task to run as an execution of the receiving service (see {@link Service#post}), else null. */
    final Runnable task;
    /** The next message in the mailbox this one waits in: a message is its own queue node (see {@link Mailbox}). */
    Message next;

    public Message(int source, int session, int type, byte[] data) {
        this(source, session, type, data, null);
    }

    Message(int source, int session, int type, byte[] data, Runnable task) {
        this.source = source;
        this.session = session;
        this.type = type;
        this.data = data == null ? EMPTY : data;
        this.task = task;
    }

    public static final byte[] EMPTY = new byte[0];

    /** A reply or an error reply to a session this service is waiting on (timers are replies too). */
    boolean isReply() {
        return task == null && (type == Ptype.RESPONSE || (type == Ptype.ERROR && session != 0));
    }
}
