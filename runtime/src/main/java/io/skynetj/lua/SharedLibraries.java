package io.skynetj.lua;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;
import io.skynetj.lua.lib.Libraries;

/**
 * The standard libraries whose functions keep no state (table, string, utf8, and math but for
 * random and randomseed) are built once; each service gets its own tables holding the same function
 * objects. Building them for every service was about a tenth of newservice's time (JFR: the ten
 * libraries together were a quarter). Isolation holds: the tables are the service's own (changing
 * {@code string.format} changes it for that service only); what is shared are immutable Java
 * functions; math.random gets its own generator in every service.
 */
final class SharedLibraries {
    /** A library's entries, to copy into each service's own table. */
    private record Template(LuaValue[] keys, LuaValue[] values) {}

    private static final Map<String, Template> TEMPLATES = build();

    private SharedLibraries() {}

    private static Map<String, Template> build() {
        Globals scratch = new Globals();
        scratch.load(new PackageLib());
        scratch.load(new TableLib());
        scratch.load(new StringLib());
        scratch.load(new JseMathLib());
        scratch.set("utf8", new LuaTable());
        for (String name : new String[] {"string", "table", "math", "utf8"}) Libraries.extendStateless(name, scratch.get(name).checktable());
        return Map.of("table", template(scratch, "table"),
            "string", template(scratch, "string"), "math", template(scratch, "math"), "utf8", template(scratch, "utf8"));
    }

    private static Template template(Globals scratch, String name) {
        LuaTable lib = scratch.get(name).checktable();
        List<LuaValue> keys = new ArrayList<>(), values = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        for (;;) {
            Varargs next = lib.next(k);
            if ((k = next.arg1()).isnil()) break;
            String key = k.tojstring();
            if (name.equals("math") && (key.equals("random") || key.equals("randomseed"))) continue;
            keys.add(k);
            values.add(next.arg(2));
        }
        return new Template(keys.toArray(LuaValue[]::new), values.toArray(LuaValue[]::new));
    }

    /** Gives the service's globals its own table for library {@code name}, as loading the library would. */
    static void install(Globals g, String name) {
        LuaTable lib = new LuaTable(0, TEMPLATES.get(name).keys.length + 2);
        copy(name, lib);
        if (name.equals("math")) Libraries.installRandom(lib);
        g.set(name, lib);
        g.get("package").get("loaded").set(name, lib);
    }

    /** Puts the shared functions (and constants) of library {@code name} into {@code into}. */
    static void copy(String name, LuaTable into) {
        Template t = TEMPLATES.get(name);
        for (int i = 0; i < t.keys.length; i++) into.rawset(t.keys[i], t.values[i]);
    }
}
