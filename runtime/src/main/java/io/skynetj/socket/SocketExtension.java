package io.skynetj.socket;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/**
 * Gives every node a {@link SocketServer} (its thread starts on first use), the Lua modules
 * {@code skynet.socketdriver} and {@code skynet.netpack}, and closes what a service owned when it exits.
 */
public final class SocketExtension implements NodeExtension {
    @Override
    public void install(LuaNode luaNode) {
        SocketServer server = new SocketServer(luaNode.node());
        luaNode.register(SocketServer.class, server);
        luaNode.node().addExitListener(server::ownerExited);
        luaNode.runtime().provideModule("skynet.socketdriver", body -> SocketDriverModule.create(server, body.service().handle));
        luaNode.runtime().provideModule("skynet.netpack", body -> NetpackModule.create());
    }
}
