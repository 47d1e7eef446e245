package io.skynetj.lpeg;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every service {@code require "lpeg"}. */
public final class LpegExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        node.runtime().provideModule("lpeg", body -> Lpeg.create());
    }
}
