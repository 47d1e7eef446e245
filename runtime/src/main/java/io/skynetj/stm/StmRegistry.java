package io.skynetj.stm;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** Each service's writers (weakly), released when it exits; a writer the GC collects is released then. */
    private final Map<Integer, List<WeakReference<StmObject>>> writers = new HashMap<>();
    private static final Cleaner CLEANER = Cleaner.create();

    synchronized void written(int owner, Object writer, StmObject o) {
        CLEANER.register(writer, o::release);
        List<WeakReference<StmObject>> list = writers.computeIfAbsent(owner, h -> new ArrayList<>());
        list.removeIf(r -> r.refersTo(null));
        list.add(new WeakReference<>(o));
    }

    synchronized void exited(int handle) {
        List<WeakReference<StmObject>> list = writers.remove(handle);
        if (list == null) return;
        for (WeakReference<StmObject> r : list) {
            StmObject o = r.get();
            if (o != null) o.release();
        }
    }

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
