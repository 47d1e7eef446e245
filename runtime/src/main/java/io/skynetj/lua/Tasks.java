package io.skynetj.lua;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Execution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.luaj.vm2.LuaTable;

/**
 * The debug commands TASK, UNIQTASK and KILLTASK: a service's suspended coroutines. skynet shows a
 * traceback for each; LuaJ cannot walk the stack without the per-call debug hooks we leave off (see
 * LuaVm), so each entry says what the coroutine waits for and which request it serves instead.
 */
final class Tasks {
    private final LuaServiceBody body;

    Tasks(LuaServiceBody body) {
        this.body = body;
    }

    /** skynet's {@code task(tbl)}: {@code "<thread> session: N"} → what it waits for. */
    LuaTable list() {
        LuaTable t = new LuaTable();
        for (Execution e : body.service.suspended())
            t.set(body.threadOf(e).tojstring() + " session: " + e.blockedSession(), describe(e));
        return t;
    }

    /** skynet's {@code uniqtask()}: {@code "count\tsessions:[s1,s2,...]"} → the shared description. */
    LuaTable unique() {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (Execution e : body.service.suspended())
            groups.computeIfAbsent(e.waitingFor() + (e.request == null ? " (in a fork or timer)" : " (serving a request)"), k -> new ArrayList<>()).add(e.blockedSession());
        LuaTable t = new LuaTable();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            List<Integer> sessions = g.getValue();
            String shown = sessions.stream().limit(10).map(String::valueOf).collect(Collectors.joining(","));
            t.set(sessions.size() + "\tsessions:[" + shown + (sessions.size() > 10 ? ",..." : "") + "]", g.getKey());
        }
        return t;
    }

    /** Kills the one suspended coroutine whose name contains {@code name}; returns what happened. */
    String kill(String name) {
        List<Execution> matches = new ArrayList<>();
        for (Execution e : body.service.suspended()) if (body.threadOf(e).tojstring().contains(name)) matches.add(e);
        if (matches.isEmpty()) return "Not found";
        if (matches.size() > 1) return "Ambiguous: " + matches.size() + " coroutines match " + name;
        String thread = body.threadOf(matches.get(0)).tojstring();
        if (!body.service.killExecution(matches.get(0))) return "Not found";
        body.service.node.log(body.service.handle, "Kill " + thread);
        return "Killed " + thread;
    }

    private static String describe(Execution e) {
        String serving = e.request == null ? "a fork or timer"
            : "request session " + e.session() + " from " + Address.format(e.source());
        return e.waitingFor() + " (serving " + serving + ")";
    }
}
