package org.luaj.vm2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

class KeyStringsTest {
    @Test
    void javaNamedKeysAreOneSharedStringWithTheSameContent() {
        LuaString a = KeyStrings.of("keystrings-test-key");
        assertSame(a, KeyStrings.of("keystrings-test-key"));
        assertEquals(LuaString.valueOf("keystrings-test-key"), a);
        LuaTable t1 = new LuaTable(), t2 = new LuaTable();
        t1.set("keystrings-test-key", LuaValue.ONE);
        t2.rawset("keystrings-test-key", LuaValue.ONE);
        assertSame(a, t1.next(LuaValue.NIL).arg1());
        assertSame(a, t2.next(LuaValue.NIL).arg1());
        // found by a key string that is not the shared one, as any Lua string would be
        assertEquals(LuaValue.ONE, t1.get(LuaString.valueOf("keystrings-" + "test-key")));
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i < KeyStrings.LIMIT + 10; i++) KeyStrings.of("bounded-" + i);
        assertTrue(KeyStrings.size() <= KeyStrings.LIMIT);
        KeyStrings.of("bounded-past-the-limit");
        assertTrue(KeyStrings.size() <= KeyStrings.LIMIT);
        assertEquals(LuaString.valueOf("bounded-past-the-limit"), KeyStrings.of("bounded-past-the-limit"));
    }
}
