package io.skynetj.upgrade;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every node an {@link UpgradeManager} and the Lua module {@code skynet.upgrade.core}. */
public final class UpgradeExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        UpgradeManager manager = new UpgradeManager(node);
        node.register(UpgradeManager.class, manager);
        node.runtime().provideModule("skynet.upgrade.core", body -> UpgradeModule.create(manager, body));
    }
}
