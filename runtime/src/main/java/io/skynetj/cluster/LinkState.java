package io.skynetj.cluster;

/**
 * A snapshot of one cluster link, for the console.
 *
 * @param direction "out" (this node's sender to a remote node) or "in" (a connection a remote sender made)
 * @param node the remote node's name in this node's cluster config; null for "in" (skynet's protocol
 *     never tells the callee who calls)
 * @param remote host:port of the other end (for "out", the configured address; null while it is false)
 * @param state "idle" (never used), "connecting", "up", "down" (last attempt failed or dropped), "closed"
 * @param pendingCalls calls waiting for replies ("out") or being served ("in")
 * @param lastError why the link last failed, or null
 */
public record LinkState(String direction, String node, String remote, String state, int pendingCalls,
                        long bytesIn, long bytesOut, String lastError) {}
