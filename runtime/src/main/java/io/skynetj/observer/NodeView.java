package io.skynetj.observer;

import io.skynetj.cache.CodeCacheStats;
import io.skynetj.cluster.LinkState;
import java.util.List;

/** What the observer shows of the node as a whole. */
public record NodeView(long timeMillis, double uptimeSeconds, int services, long messages, double messagesPerSecond,
                       double cpuSeconds, int mailbox, int carriers, int carriersBusy, int timers, long heapUsed,
                       long heapCommitted, long heapMax, List<Gc> gc, List<LinkState> links, Operations operations,
                       CodeCacheStats codeCache, Sockets sockets) {

    /** One garbage collector of the JVM: collections and seconds spent since start. */
    public record Gc(String name, long collections, double seconds) {}

    /** The node's open sockets: how many, and the bytes they received and sent so far. */
    public record Sockets(int open, long bytesIn, long bytesOut) {}

    /** Operators' actions since the node started. */
    public record Operations(long injects, long clearcaches, long upgrades, long upgradesFailed) {}
}
