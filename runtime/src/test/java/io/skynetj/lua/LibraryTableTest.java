package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** A library table holds nothing of its own until it must, and never changes what other services see. */
class LibraryTableTest {
    private final AtomicInteger made = new AtomicInteger();

    private FrozenTable shared() {
        FrozenTable t = new FrozenTable();
        t.rawset("pi", LuaValue.valueOf(3.14));
        t.rawset("loader", new LibraryTable.PerService(context -> {
            made.incrementAndGet();
            return LuaValue.valueOf("made for " + context);
        }));
        return t.freeze();
    }

    private static int ownEntries(LibraryTable t) {
        int n = 0;
        for (LuaValue k = LuaValue.NIL; ; n++) {
            Varargs next = t.ownNext(k);
            if ((k = next.arg1()).isnil()) return n;
        }
    }

    @Test
    void readsGoThroughAndMakeOnlyThePerServiceEntryRead() {
        LibraryTable a = new LibraryTable(shared(), null, "a");
        assertEquals(3.14, a.get("pi").todouble());
        assertTrue(a.pending());
        assertEquals(0, ownEntries(a));
        LuaValue loader = a.get("loader");
        assertEquals("made for a", loader.tojstring());
        assertSame(loader, a.get("loader"), "made once, then the table's own");
        assertEquals(1, made.get());
        assertTrue(a.pending(), "making one entry fills nothing else");
        assertEquals(1, ownEntries(a));
        assertTrue(a.get("missing").isnil());
        assertTrue(a.pending());
    }

    @Test
    void aWriteFillsTheTableAndStaysInIt() {
        LuaTable template = shared();
        LibraryTable a = new LibraryTable(template, null, "a");
        LibraryTable b = new LibraryTable(template, null, "b");
        LuaValue aLoader = a.get("loader");
        a.set("extra", LuaValue.TRUE);
        a.set("pi", LuaValue.NIL);
        assertFalse(a.pending());
        assertEquals(2, ownEntries(a));
        assertSame(aLoader, a.get("loader"), "the entry made before the fill is kept");
        assertTrue(b.get("extra").isnil());
        assertEquals(3.14, b.get("pi").todouble());
        assertNotSame(aLoader, b.get("loader"));
        assertEquals(3.14, template.get("pi").todouble());
    }

    @Test
    void listingFillsTheTableAndTheFillerAddsItsOwnEntries() {
        LibraryTable a = new LibraryTable(shared(), lib -> lib.set("own", LuaValue.ONE), "a");
        assertTrue(a.get("pi").todouble() > 3, "a shared key does not need the filler");
        assertTrue(a.pending());
        assertEquals(1, a.get("own").toint(), "a key only the filler makes fills the table");
        assertFalse(a.pending());
        int n = 0;
        for (LuaValue k = LuaValue.NIL; !(k = a.next(k).arg1()).isnil(); ) n++;
        assertEquals(3, n);
    }

    @Test
    void lookingThroughItFillsNothingAndMakesNothing() {
        LibraryTable a = new LibraryTable(shared(), lib -> lib.set("own", LuaValue.ONE), "a");
        java.util.Map<String, String> seen = new java.util.TreeMap<>();
        a.forEachAtHand((k, v) -> seen.put(k.tojstring(), v.tojstring()));
        assertEquals(java.util.Map.of("pi", "3.14"), seen, "a per-service entry not made yet is not there to see");
        assertTrue(a.pending());
        assertEquals(0, made.get());
        LuaValue loader = a.get("loader");
        seen.clear();
        a.forEachAtHand((k, v) -> seen.put(k.tojstring(), v.tojstring()));
        assertEquals(java.util.Map.of("pi", "3.14", "loader", loader.tojstring()), seen, "once made, the table's own");
        assertTrue(a.pending());
        a.set("extra", LuaValue.TRUE);
        seen.clear();
        a.forEachAtHand((k, v) -> seen.put(k.tojstring(), v.tojstring()));
        assertEquals(java.util.Map.of("pi", "3.14", "loader", loader.tojstring(), "extra", "true", "own", "1"), seen, "filled: all of it");
    }
}
