package io.skynetj.cluster;

import io.skynetj.kernel.Node;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.ZeroArgFunction;

/** {@code require "skynet.cluster.core"}: what {@code skynet.cluster} needs from Java, the node's clusterd. */
final class ClusterModule {
    private ClusterModule() {}

    static LuaTable create(Node node) {
        LuaTable m = new LuaTable();
        m.set("clusterd", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                try {
                    return LuaValue.valueOf(ClusterManager.ensureStarted(node));
                } catch (IllegalArgumentException e) {
                    throw new LuaError(e.getMessage());
                }
            }
        });
        return m;
    }
}
