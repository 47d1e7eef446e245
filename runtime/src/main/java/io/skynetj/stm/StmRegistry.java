package io.skynetj.stm;

import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaError;

/**
 * The node's stm handles in flight: stm.copy(writer) gives a number that can travel in a message
 * (skynet: a light userdata pointer); stm.newcopy takes it back, once per copy.
 */
final class StmRegistry {
    private record Entry(StmObject object, int copies) {}

    private final Map<Long, Entry> entries = new HashMap<>();
    private long nextId = 1;
    private final Map<StmObject, Long> ids = new java.util.IdentityHashMap<>();

    synchronized long copy(StmObject o) {
        Long id = ids.get(o);
        if (id == null) {
            id = nextId++;
            ids.put(o, id);
            entries.put(id, new Entry(o, 1));
        } else {
            Entry e = entries.get(id);
            entries.put(id, new Entry(o, e.copies() + 1));
        }
        return id;
    }

    synchronized StmObject take(long id) {
        Entry e = entries.get(id);
        if (e == null) throw new LuaError("invalid stm copy " + id);
        if (e.copies() == 1) {
            entries.remove(id);
            ids.remove(e.object());
        } else {
            entries.put(id, new Entry(e.object(), e.copies() - 1));
        }
        return e.object();
    }
}
