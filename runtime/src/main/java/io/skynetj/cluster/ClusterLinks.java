package io.skynetj.cluster;

import io.skynetj.kernel.Node;
import io.skynetj.kernel.Service;
import java.util.List;

/** The state of a node's cluster links (empty when the node never used {@code skynet.cluster}). */
public final class ClusterLinks {
    private ClusterLinks() {}

    public static List<LinkState> of(Node node) {
        Service s = node.service(node.lookup(ClusterManager.NAME));
        return s != null && s.body() instanceof ClusterManager m ? m.links() : List.of();
    }
}
