package io.skynetj.dns;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** The Lua module {@code skynet.dns.core}, the UDP query under lua/skynet/dns.lua. */
public final class DnsExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        node.runtime().provideModule("skynet.dns.core", DnsModule::create);
    }
}
