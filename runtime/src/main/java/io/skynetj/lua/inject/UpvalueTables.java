package io.skynetj.lua.inject;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * skynet's {@code _U} and {@code _P} (skynet/inject.lua): the table-valued upvalues reachable from the
 * dispatch machinery, following function-valued upvalues (each function once), and per protocol the
 * ones reachable from its dispatch function. {@code _P.lua.CMD} is how a patch reaches the command
 * table an ordinary service's dispatcher closes over.
 */
final class UpvalueTables {
    private final Set<LuaValue> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    record Result(Map<String, LuaValue> u, Map<String, Map<String, LuaValue>> p) {}

    /** Collects from {@code roots} (skynet.dispatch_message, skynet.register_protocol), then from each protocol's dispatch. */
    static Result of(LuaValue... roots) {
        UpvalueTables walk = new UpvalueTables();
        Map<String, LuaValue> u = new LinkedHashMap<>();
        for (LuaValue root : roots) walk.collect(u, root);
        Map<String, Map<String, LuaValue>> p = new LinkedHashMap<>();
        if (u.get("proto") instanceof LuaTable proto) {
            LuaValue k = LuaValue.NIL;
            for (Varargs e = proto.next(k); !(k = e.arg1()).isnil(); e = proto.next(k)) {
                LuaValue name = e.arg(2).get("name");
                LuaValue dispatch = e.arg(2).get("dispatch");
                if (name.isstring() && dispatch.isfunction() && !p.containsKey(name.tojstring())) {
                    Map<String, LuaValue> tables = new LinkedHashMap<>();
                    walk.collect(tables, dispatch);
                    p.put(name.tojstring(), tables);
                }
            }
        }
        return new Result(u, p);
    }

    private void collect(Map<String, LuaValue> into, LuaValue function) {
        if (!(function instanceof LuaClosure closure) || !visited.add(closure)) return;
        for (int i = 0; i < closure.upValues.length; i++) {
            LuaValue value = closure.upValues[i].getValue();
            if (value.istable()) {
                into.put(nameOf(closure, i), value);
            } else if (value.isfunction()) {
                collect(into, value);
            }
        }
    }

    private static String nameOf(LuaClosure closure, int i) {
        LuaString name = i < closure.p.upvalues.length ? closure.p.upvalues[i].name : null;
        return name == null ? "" : name.tojstring();
    }
}
