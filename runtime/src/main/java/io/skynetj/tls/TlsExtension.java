package io.skynetj.tls;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** The Lua module {@code ltls.c} (TLS for http.tlshelper); config key {@code tls_verify}. */
public final class TlsExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        TlsModule module = new TlsModule(!"false".equals(node.node().getenv("tls_verify")));
        node.runtime().provideModule("ltls.c", body -> module.create());
    }
}
