package org.luaj.vm2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * next() while a traversal deletes keys (patches 0033, 0034), over many random layouts: keys whose
 * hashes the test chooses share buckets in every order, with strings, integers and floats beside
 * them. Lua allows assigning nil to any existing field during a traversal; every key then comes once,
 * and next(t) after the keys before the current one were deleted gives the current one.
 */
class LuaTableTraversalTest {
    /** A table key with a hash the layout chooses (few values, so keys share buckets). */
    private static final class Key extends LuaTable {
        private final int hash;

        Key(int hash) {
            this.hash = hash;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static LuaValue key(Random r, int i) {
        return switch (r.nextInt(5)) {
            case 0, 1 -> new Key(r.nextInt(12));
            case 2 -> LuaValue.valueOf("a long key, kept weakly once it is dead " + i);
            case 3 -> LuaValue.valueOf(r.nextBoolean() ? i : i * 1000);
            default -> LuaValue.valueOf(i + 0.5);
        };
    }

    /** A table of keys.length random keys (kept in keys); key i has the value value(i). */
    private static LuaTable layout(Random r, LuaValue[] keys, LuaTable table, IntFunction<LuaValue> value) {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(r, i);
            table.rawset(keys[i], value.apply(i));
        }
        return table;
    }

    /**
     * Traverses t deleting each key as it comes, as nextvar.lua does: every key comes once, and next(t)
     * is the current key since all the keys before it are gone. index gives a value's key number.
     */
    private static void deleteEachAsItComes(String layout, LuaTable t, LuaValue[] keys, ToIntFunction<LuaValue> index, boolean collect) {
        BitSet seen = new BitSet();
        LuaValue k = LuaValue.NIL;
        for (;;) {
            Varargs e = t.next(k);
            k = e.arg1();
            if (k.isnil()) break;
            int i = index.applyAsInt(e.arg(2));
            assertTrue(!seen.get(i), layout + ": key " + i + " came twice");
            seen.set(i);
            assertTrue(t.next(LuaValue.NIL).arg1().raweq(k), layout + ": next(t) is not the current key " + i);
            t.rawset(k, LuaValue.NIL);
            keys[i] = null; // only the table's dead slot refers to it now
            if (collect) System.gc();
        }
        assertEquals(keys.length, seen.cardinality(), layout);
        assertTrue(t.next(LuaValue.NIL).arg1().isnil(), layout);
    }

    @Test
    void deletingEachKeyAsItComesLeavesTheCurrentKeyFirst() {
        for (int seed = 0; seed < 3000; seed++) {
            Random r = new Random(seed);
            LuaValue[] keys = new LuaValue[1 + r.nextInt(24)];
            LuaTable t = layout(r, keys, new LuaTable(), LuaValue::valueOf);
            // In some layouts the deleted keys are collected on the way, as nextvar.lua's collectgarbage() does.
            deleteEachAsItComes("seed " + seed, t, keys, LuaValue::toint, seed % 150 == 0);
        }
    }

    @Test
    void clearingOtherFieldsAndChangingValuesDuringATraversal() {
        for (int seed = 0; seed < 3000; seed++) {
            Random r = new Random(seed);
            LuaValue[] keys = new LuaValue[1 + r.nextInt(30)];
            LuaTable t = layout(r, keys, new LuaTable(), LuaValue::valueOf);
            BitSet deleted = new BitSet(), seen = new BitSet();
            LuaValue k = LuaValue.NIL;
            for (;;) {
                Varargs e = t.next(k);
                k = e.arg1();
                if (k.isnil()) break;
                int i = e.arg(2).toint();
                assertTrue(!deleted.get(i) && !seen.get(i), "seed " + seed + ": key " + i + " came again or after its deletion");
                seen.set(i);
                if (r.nextBoolean()) t.rawset(k, LuaValue.NIL);
                else t.rawset(k, LuaValue.valueOf(i)); // assigning to an existing field
                int other = r.nextInt(keys.length);
                if (!seen.get(other) && r.nextInt(3) == 0) {
                    t.rawset(keys[other], LuaValue.NIL);
                    deleted.set(other);
                }
            }
            BitSet all = (BitSet) seen.clone();
            all.or(deleted);
            assertEquals(keys.length, all.cardinality(), "seed " + seed + ": a key was skipped");
        }
    }

    @Test
    void weakTablesKeepTheirTraversalThroughDeletions() {
        for (String mode : new String[] {"k", "v", "kv"}) {
            for (int seed = 0; seed < 500; seed++) {
                Random r = new Random(seed);
                LuaValue[] keys = new LuaValue[1 + r.nextInt(24)];
                List<LuaValue> values = new ArrayList<>(); // the values stay, so only deletions remove entries
                LuaTable weak = new LuaTable();
                weak.setmetatable(LuaValue.tableOf(new LuaValue[] {LuaValue.MODE, LuaValue.valueOf(mode)}));
                LuaTable t = layout(r, keys, weak, i -> {
                    LuaTable v = new LuaTable(); // a collectable value holding its key number
                    v.rawset(1, LuaValue.valueOf(i));
                    values.add(v);
                    return v;
                });
                deleteEachAsItComes(mode + " seed " + seed, t, keys, v -> v.get(1).toint(), false);
                Reference.reachabilityFence(values);
            }
        }
    }
}
