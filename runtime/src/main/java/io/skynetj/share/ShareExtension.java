package io.skynetj.share;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every node its sharedata and sharetable stores and the Lua modules over them. */
public final class ShareExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        SharedStore sharedata = new SharedStore("sharedata");
        SharedStore sharetable = new SharedStore("sharetable");
        node.runtime().provideModule("skynet.sharedata.store", body -> ShareModules.sharedata(sharedata));
        node.runtime().provideModule("skynet.sharetable.store", body -> ShareModules.sharetable(sharetable));
    }
}
