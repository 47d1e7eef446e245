package io.skynetj.cluster;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every node the Lua module {@code skynet.cluster.core}, which {@code skynet.cluster} is built on. */
public final class ClusterExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        node.runtime().provideModule("skynet.cluster.core", body -> ClusterModule.create(node.node()));
    }
}
