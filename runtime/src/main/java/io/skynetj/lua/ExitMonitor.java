package io.skynetj.lua;

import io.skynetj.kernel.Message;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;

/**
 * skynet's exit monitor ({@code skynet.monitor}): once a service is set as the node's monitor, every
 * service that exits or is killed sends it an empty {@code PTYPE_CLIENT} message from its own address.
 */
final class ExitMonitor implements Node.ExitListener {
    private final Node node;
    private volatile int monitor;

    ExitMonitor(Node node) {
        this.node = node;
    }

    void set(int handle) {
        monitor = handle;
    }

    int get() {
        return monitor;
    }

    @Override
    public void exited(int handle) {
        int m = monitor;
        if (m == 0) return;
        if (m == handle) monitor = 0; // the monitor itself is gone: nobody to tell any more
        else node.send(handle, m, Ptype.CLIENT, 0, Message.EMPTY);
    }
}
