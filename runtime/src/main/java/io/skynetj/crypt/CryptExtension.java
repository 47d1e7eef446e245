package io.skynetj.crypt;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** The Lua modules {@code skynet.crypt} (and its client name {@code client.crypt}) and {@code md5.core}. */
public final class CryptExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        node.runtime().provideModule("skynet.crypt", body -> CryptModule.create());
        node.runtime().provideModule("client.crypt", body -> CryptModule.create());
        node.runtime().provideModule("md5.core", body -> Md5Module.create());
    }
}
