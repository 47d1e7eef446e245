package io.skynetj.socket;

/**
 * One socket as netstat shows it. {@code kind} is skynet's info type (LISTEN, TCP, UDP, CLOSING) or,
 * for sockets skynet does not list, this runtime's state (CONNECTING, ACCEPTED: accepted, not started;
 * OPENING: a listen socket not started).
 */
public record SocketInfo(int id, int owner, String kind, String address, long bytesIn, long bytesOut, long buffered,
                         long accepted, boolean reading, boolean writing, long readTime, long writeTime) {}
