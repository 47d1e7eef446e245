package io.skynetj.multicast;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every service {@code require "skynet.multicast.core"}, which skynet's own multicast.lua and multicastd.lua need. */
public final class MulticastExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        node.runtime().provideModule("skynet.multicast.core", body -> MulticastCore.create());
    }
}
