package io.skynetj.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** What a command prints, formatted as skynet's debug console formats results. */
final class Output {
    private final List<String> lines = new ArrayList<>();

    /** One line of tab-separated columns. */
    void line(String... columns) {
        lines.add(String.join("\t", columns));
    }

    /**
     * skynet's dump of a result: a string as is, a table as one {@code key<TAB>value} line per entry
     * sorted by key (table values flattened to {@code k:v<TAB>k:v}), nil as nothing, others as text.
     */
    void value(LuaValue v) {
        if (v.isnil()) return;
        if (v instanceof LuaTable t) {
            sorted(t).forEach((k, value) -> line(k, value instanceof LuaTable inner ? flatten(inner) : value.tojstring()));
        } else {
            lines.add(v.tojstring());
        }
    }

    private static String flatten(LuaTable t) {
        return sorted(t).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().tojstring()).collect(Collectors.joining("\t"));
    }

    private static Map<String, LuaValue> sorted(LuaTable t) {
        Map<String, LuaValue> entries = new TreeMap<>();
        LuaValue k = LuaValue.NIL;
        for (Varargs e = t.next(k); !(k = e.arg1()).isnil(); e = t.next(k)) entries.put(k.tojstring(), e.arg(2));
        return entries;
    }

    List<String> lines() {
        return lines;
    }
}
