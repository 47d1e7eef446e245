package io.skynetj.datasheet;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;

/**
 * The node's datasheet documents by handle. {@code stringpointer(s)} gives a number that can travel
 * in messages (skynet: a light userdata pointing into the builder's string). The registry holds the
 * builder's string weakly, as skynet relies on the builder keeping it: once the builder drops it the
 * handle is gone, while readers that already hold the document keep reading it.
 */
final class SheetRegistry {
    private static final class Entry extends WeakReference<LuaString> {
        final long handle;
        /** Read on first use (stringpointer accepts any string, as skynet's does). */
        SheetDocument document;

        Entry(LuaString s, long handle, ReferenceQueue<LuaString> queue) {
            super(s, queue);
            this.handle = handle;
        }
    }

    private final Map<Long, Entry> entries = new HashMap<>();
    private final ReferenceQueue<LuaString> dropped = new ReferenceQueue<>();
    private long nextHandle = 1;

    synchronized long register(LuaString s) {
        purge();
        long handle = nextHandle++;
        entries.put(handle, new Entry(s, handle, dropped));
        return handle;
    }

    synchronized SheetDocument document(long handle) {
        purge();
        Entry e = entries.get(handle);
        LuaString s = e == null ? null : e.get();
        if (s == null) throw new LuaError("Invalid datasheet handle " + handle);
        if (e.document == null) e.document = new SheetDocument(s);
        return e.document;
    }

    private void purge() {
        for (Reference<? extends LuaString> r; (r = dropped.poll()) != null; ) entries.remove(((Entry) r).handle, r);
    }
}
