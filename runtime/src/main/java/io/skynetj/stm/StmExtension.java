package io.skynetj.stm;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every service {@code require "skynet.stm"}; the node keeps the handles in flight. */
public final class StmExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        StmRegistry registry = new StmRegistry();
        node.node().addExitListener(registry::exited);
        node.runtime().provideModule("skynet.stm", body -> StmModule.create(registry, body.service().handle));
    }
}
