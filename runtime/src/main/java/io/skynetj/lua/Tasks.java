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
 * {@code skynet.task}, {@code skynet.uniqtask} and the debug commands TASK, UNIQTASK and KILLTASK: a
 * service's suspended coroutines and its timeouts not started yet. skynet shows a traceback for each;
 * LuaJ cannot walk the stack without the per-call debug hooks we leave off (see LuaVm), so each entry
 * says what the coroutine waits for and which request it serves instead.
 */
final class Tasks {
    private final LuaServiceBody body;

    Tasks(LuaServiceBody body) {
        this.body = body;
    }

    /** skynet's {@code task()}: suspended coroutines plus pending timeouts (each holds a session in skynet). */
    int count() {
        return body.service.suspendedCount() + body.timeouts.count();
    }

    /**
     * skynet's {@code task(tbl)}: {@code "<thread> session: N"} → what it waits for. A pending timeout's
     * session is internal to the kernel, so its key is {@code "<thread> timeout"}.
     */
    LuaTable list() {
        LuaTable t = new LuaTable();
        for (Execution e : body.service.suspended())
            t.set(body.threadOf(e).tojstring() + " session: " + e.blockedSession(), describe(e));
        for (Map.Entry<Execution, String> p : body.timeouts.all().entrySet())
            t.set(body.threadOf(p.getKey()).tojstring() + " timeout", p.getValue());
        return t;
    }

    /** skynet's {@code task(session)}: what the coroutine blocked on that session waits for, or null. */
    String ofSession(int session) {
        for (Execution e : body.service.suspended()) if (e.blockedSession() == session) return describe(e);
        return null;
    }

    /** skynet's {@code task(co)}: the session a suspended coroutine is blocked on; 0 when none (or a wait). */
    int sessionOf(Execution e) {
        return body.service.suspended().contains(e) ? e.blockedSession() : 0;
    }

    /** What one coroutine is doing: waiting (described), a pending timeout, or running. */
    String of(Execution e) {
        if (body.service.suspended().contains(e)) return describe(e);
        String timeout = body.timeouts.all().get(e);
        return timeout != null ? timeout : "running";
    }

    /** The description of a timeout being created now; with trace_timeout on it names its creator. */
    String timeoutCreated(long cs) {
        String d = "timeout of " + cs + " cs";
        if (!body.timeouts.traced) return d;
        Execution creator = body.service.current();
        String who = creator == null ? "the main chunk" : body.threadOf(creator).tojstring() + " (serving " + serving(creator) + ")";
        return d + ", created by " + who + " at " + body.service.node.now() + " cs";
    }

    /**
     * skynet's {@code uniqtask()}: {@code "count\tsessions:[s1,s2,...]"} → the shared description. Pending
     * timeouts have no session to show and appear as {@code timeout} in the list.
     */
    LuaTable unique() {
        Map<String, List<String>> groups = new TreeMap<>();
        for (Execution e : body.service.suspended())
            groups.computeIfAbsent(e.waitingFor() + (e.request == null ? " (in a fork or timer)" : " (serving a request)"), k -> new ArrayList<>())
                .add(String.valueOf(e.blockedSession()));
        for (String timeout : body.timeouts.all().values())
            groups.computeIfAbsent(timeout, k -> new ArrayList<>()).add("timeout");
        LuaTable t = new LuaTable();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            List<String> sessions = g.getValue();
            String shown = sessions.stream().limit(10).collect(Collectors.joining(","));
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
        if (!body.killExecution(matches.get(0))) return "Not found";
        body.service.node.log(body.service.handle, "Kill " + thread);
        return "Killed " + thread;
    }

    private static String describe(Execution e) {
        return e.waitingFor() + " (serving " + serving(e) + ")";
    }

    private static String serving(Execution e) {
        return e.request == null ? "a fork or timer" : "request session " + e.session() + " from " + Address.format(e.source());
    }
}
