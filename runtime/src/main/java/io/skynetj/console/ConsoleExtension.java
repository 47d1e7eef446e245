package io.skynetj.console;

import io.skynetj.kernel.Node;
import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/**
 * Makes {@code skynet.newservice("debug_console", [ip,] port)} available on every node, and starts
 * the console named by the config key {@code console} ({@code "127.0.0.1:8000"} or a port).
 */
public final class ConsoleExtension implements NodeExtension {
    @Override
    public void install(LuaNode luaNode) {
        Node node = luaNode.node();
        AuditLog audit = new AuditLog();
        ConsoleService.registerAsService(luaNode, audit);
        String address = node.getenv("console");
        if (address == null || address.isBlank()) return;
        ConsoleSettings settings = ConsoleSettings.parse(address, node.getenv("console_token"));
        luaNode.register(ConsoleService.class, ConsoleService.start(luaNode, settings, audit));
    }
}
