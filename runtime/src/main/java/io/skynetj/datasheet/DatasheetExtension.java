package io.skynetj.datasheet;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every service {@code require "skynet.datasheet.core"} over the node's one set of documents. */
public final class DatasheetExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        SheetRegistry registry = new SheetRegistry();
        node.runtime().provideModule("skynet.datasheet.core", body -> DatasheetModule.create(registry));
    }
}
