package io.skynetj.sproto;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every service {@code require "sproto.core"}; the node keeps sprotoloader's slots. */
public final class SprotoExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        SprotoSlots slots = new SprotoSlots();
        node.runtime().provideModule("sproto.core", body -> SprotoCoreModule.create(body, slots));
    }
}
