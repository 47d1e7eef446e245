package io.skynetj.kernel;

/** skynet's message type (protocol) ids, {@code skynet.PTYPE_*}. */
public final class Ptype {
    private Ptype() {}

    public static final int TEXT = 0;
    public static final int RESPONSE = 1;
    public static final int MULTICAST = 2;
    public static final int CLIENT = 3;
    public static final int SYSTEM = 4;
    public static final int HARBOR = 5;
    public static final int SOCKET = 6;
    public static final int ERROR = 7;
    public static final int QUEUE = 8;
    public static final int DEBUG = 9;
    public static final int LUA = 10;
    public static final int SNAX = 11;
    public static final int TRACE = 12;
}
