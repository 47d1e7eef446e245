package io.skynetj.lua.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** A patch's writes are applied all or nothing. */
class TransactionTest {
    /** A table that refuses writes, as a read-only table of the kernel would. */
    private static final class ReadOnly extends LuaTable {
        @Override
        public void rawset(LuaValue key, LuaValue value) {
            throw new LuaError("read-only table");
        }
    }

    @Test
    void aWriteRefusedAtCommitUndoesTheWritesBeforeIt() {
        Transaction tx = new Transaction();
        LuaTable cmd = new LuaTable();
        cmd.rawset("hello", LuaValue.valueOf("old"));
        LuaTable readOnly = new ReadOnly();
        tx.view(cmd, "_P.lua.CMD").set("hello", LuaValue.valueOf("half applied"));
        tx.view(cmd, "_P.lua.CMD").set("added", LuaValue.TRUE);
        tx.view(readOnly, "_P.lua.shared").set("extra", LuaValue.TRUE);
        LuaError e = assertThrows(LuaError.class, tx::commit);
        assertTrue(e.getMessage().contains("read-only table"), e.getMessage());
        assertEquals("old", cmd.rawget("hello").tojstring());
        assertTrue(cmd.rawget("added").isnil());
        assertEquals(Transaction.State.ABORTED, tx.state());
    }

    @Test
    void aCommitAppliesEveryWriteAndReportsTheChangedOnes() {
        Transaction tx = new Transaction();
        LuaTable cmd = new LuaTable();
        cmd.rawset("same", LuaValue.valueOf(1));
        tx.view(cmd, "_P.lua.CMD").set("same", LuaValue.valueOf(1));
        tx.view(cmd, "_P.lua.CMD").set("new", LuaValue.valueOf(2));
        assertEquals(1, tx.commit().size());
        assertEquals(2, cmd.rawget("new").toint());
        assertEquals(Transaction.State.COMMITTED, tx.state());
    }
}
