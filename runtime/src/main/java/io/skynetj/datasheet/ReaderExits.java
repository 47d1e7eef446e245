package io.skynetj.datasheet;

import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.lua.Pack;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.LuaValue;

/**
 * Tells the datasheet service when a reader is gone. skynet's reader sends {@code "close"} from the
 * {@code __gc} of its sheets table when its Lua state closes; LuaJ runs no {@code __gc}, so the node
 * sends that same message, from the reader's address, when the reader's service exits or is killed.
 */
final class ReaderExits implements Node.ExitListener {
    private final Node node;
    private final Map<Integer, Set<Integer>> keepersOf = new HashMap<>();

    ReaderExits(Node node) {
        this.node = node;
    }

    synchronized void watch(int reader, int keeper) {
        keepersOf.computeIfAbsent(reader, r -> new HashSet<>()).add(keeper);
    }

    @Override
    public void exited(int handle) {
        Set<Integer> keepers;
        synchronized (this) {
            keepers = keepersOf.remove(handle);
        }
        if (keepers == null) return;
        byte[] close = Pack.pack(LuaValue.valueOf("close"));
        for (int keeper : keepers) node.send(handle, keeper, Ptype.LUA, 0, close);
    }
}
