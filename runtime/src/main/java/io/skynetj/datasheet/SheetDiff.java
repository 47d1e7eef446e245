package io.skynetj.datasheet;

import java.util.Arrays;
import org.luaj.vm2.LuaString;

/**
 * A new version of a datasheet that keeps the table numbers of the last version: a table of the
 * new version found under the same path of keys as a table of the last one takes that table's
 * number, so a reader's proxy of it shows the new contents after the update; other new tables get
 * numbers after the last version's, and last tables with no counterpart are marked removed.
 */
final class SheetDiff {
    private final SheetDocument last;
    private final SheetDocument current;
    /** current table number -> number in the result; -1 until matched. */
    private final int[] renumber;

    private SheetDiff(SheetDocument last, SheetDocument current) {
        this.last = last;
        this.current = current;
        this.renumber = new int[current.tableCount()];
        Arrays.fill(renumber, -1);
    }

    static LuaString diff(SheetDocument last, SheetDocument current) {
        return new SheetDiff(last, current).build();
    }

    private LuaString build() {
        match(0, 0);
        int n = current.tableCount();
        int total = last.tableCount();
        for (int i = 0; i < n; i++) {
            if (renumber[i] < 0) renumber[i] = total++;
        }
        int[] slots = new int[total];
        Arrays.fill(slots, SheetDocument.REMOVED);
        for (int i = 0; i < n; i++) slots[renumber[i]] = current.slot(i);

        SheetWriter.Cells out = new SheetWriter.Cells();
        out.u32(current.stringArea() + (total - n) * 4);
        out.u32(total);
        for (int s : slots) out.u32(s);
        for (int i = 0; i < n; i++) copyTable(i, out);
        byte[] strings = current.slice(current.stringArea(), current.length());
        out.write(strings, 0, strings.length);
        return LuaString.valueUsing(out.toByteArray());
    }

    /** Pairs last table {@code l} with current table {@code c}, then their sub-tables under equal keys. */
    private void match(int l, int c) {
        renumber[c] = l;
        int lt = last.table(l), ct = current.table(c);
        if (lt < 0 || ct < 0) return;
        int arrays = last.arraySize(lt), lv = last.values(lt);
        for (int i = 0; i < arrays; i++) {
            if (last.type(lt, i) != SheetDocument.TABLE) continue;
            int sub = arrayTable(ct, i);
            if (sub >= 0) match(last.u32(lv + 4 * i), sub);
        }
        int pairs = lv + 4 * arrays;
        for (int i = 0; i < last.dictSize(lt); i++) {
            if (last.type(lt, arrays + i) != SheetDocument.TABLE) continue;
            LuaString key = last.string(last.u32(pairs + 8 * i));
            int sub = dictTable(ct, key);
            if (sub >= 0) match(last.u32(pairs + 8 * i + 4), sub);
        }
    }

    /** The table number at array position i of current table ct, or -1. */
    private int arrayTable(int ct, int i) {
        if (i >= current.arraySize(ct) || current.type(ct, i) != SheetDocument.TABLE) return -1;
        return current.u32(current.values(ct) + 4 * i);
    }

    private int dictTable(int ct, LuaString key) {
        int arrays = current.arraySize(ct);
        int pairs = current.values(ct) + 4 * arrays;
        for (int i = 0; i < current.dictSize(ct); i++) {
            if (current.string(current.u32(pairs + 8 * i)).raweq(key)) {
                if (current.type(ct, arrays + i) != SheetDocument.TABLE) return -1;
                return current.u32(pairs + 8 * i + 4);
            }
        }
        return -1;
    }

    /** Copies current table i with its table references renumbered. */
    private void copyTable(int i, SheetWriter.Cells out) {
        int t = current.table(i);
        int arrays = current.arraySize(t), dict = current.dictSize(t);
        int values = current.values(t);
        byte[] head = current.slice(t, values);
        out.write(head, 0, head.length);
        for (int a = 0; a < arrays; a++) {
            int v = current.u32(values + 4 * a);
            out.u32(current.type(t, a) == SheetDocument.TABLE ? renumber[v] : v);
        }
        int pairs = values + 4 * arrays;
        for (int d = 0; d < dict; d++) {
            out.u32(current.u32(pairs + 8 * d));
            int v = current.u32(pairs + 8 * d + 4);
            out.u32(current.type(t, arrays + d) == SheetDocument.TABLE ? renumber[v] : v);
        }
    }
}
