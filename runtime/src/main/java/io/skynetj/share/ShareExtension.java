package io.skynetj.share;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every node its sharedata and sharetable stores, the Lua modules over them, and skynet's C modules' Java equivalents. */
public final class ShareExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        SharedStore sharedata = new SharedStore("sharedata");
        SharedStore sharetable = new SharedStore("sharetable");
        node.runtime().provideModule("skynet.sharedata.store", body -> ShareModules.sharedata(sharedata));
        node.runtime().provideModule("skynet.sharetable.store", body -> ShareModules.sharetable(sharetable));
        // the C modules skynet's own sharedata and sharetable Lua files require
        SharedataCore.Holds holds = new SharedataCore.Holds();
        node.node().addExitListener(holds::exited);
        node.runtime().provideModule("skynet.sharedata.core", body -> SharedataCore.create(holds, body.service().handle));
        node.runtime().provideModule("skynet.sharetable.core", body -> SharetableCore.create(body.globals()));
    }
}
