package io.skynetj.lpeg;

import java.util.function.Function;
import java.util.function.IntPredicate;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** lpeg.locale: the character classes of the C locale as sets. */
final class Locale {
    private Locale() {}

    static LuaTable fill(LuaTable t, Function<Pattern, LuaValue> wrap) {
        put(t, wrap, "alnum", c -> Character.isLetterOrDigit(c));
        put(t, wrap, "alpha", Character::isLetter);
        put(t, wrap, "cntrl", c -> c < 32 || c == 127);
        put(t, wrap, "digit", c -> c >= '0' && c <= '9');
        put(t, wrap, "graph", c -> c > 32 && c < 127);
        put(t, wrap, "lower", c -> c >= 'a' && c <= 'z');
        put(t, wrap, "print", c -> c >= 32 && c < 127);
        put(t, wrap, "punct", c -> c > 32 && c < 127 && !Character.isLetterOrDigit(c));
        put(t, wrap, "space", c -> c == ' ' || c >= 9 && c <= 13);
        put(t, wrap, "upper", c -> c >= 'A' && c <= 'Z');
        put(t, wrap, "xdigit", c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
        return t;
    }

    private static void put(LuaTable t, Function<Pattern, LuaValue> wrap, String name, IntPredicate in) {
        boolean[] set = new boolean[256];
        for (int c = 0; c < 128; c++) set[c] = in.test(c);
        t.set(name, wrap.apply(Pattern.set(set)));
    }
}
