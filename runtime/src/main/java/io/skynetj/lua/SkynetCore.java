package io.skynetj.lua;

import io.skynetj.lua.lib.LuaFn;
import io.skynetj.kernel.Address;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.InvalidAddress;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.PendingResponse;
import io.skynetj.lua.inject.Injector;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.core"}: the kernel operations {@code lua/skynet.lua} is built on (skynet's
 * C module of the same name). Every function runs on the thread holding the service's baton.
 */
final class SkynetCore {
    private static final LuaValue BREAK = LuaValue.valueOf("BREAK");
    private static final LuaString ID = LuaString.valueOf("id");
    private static final LuaString PACK = LuaString.valueOf("pack");
    private static final LuaString UNPACK = LuaString.valueOf("unpack");
    private static final LuaString DISPATCH = LuaString.valueOf("dispatch");
    private static final LuaString TRACE = LuaString.valueOf("trace");

    private final LuaServiceBody body;
    private final Service service;
    private final Node node;
    private final LuaTable table = new LuaTable(0, 64); // ~60 functions: no growth while they are defined
    private final Tasks tasks;
    private final Tracing tracing;
    /** Packs and unpacks this service's messages without a new writer or reader each time. */
    private final Pack.Scratch scratch = new Pack.Scratch();
    /** skynet.lua's protocol table (skynet._proto), once it registered it with callback(f, proto). */
    private LuaTable protocols;
    /** The same while its callback is the one registered with it (dispatch fast path on). */
    private LuaTable dispatchProtocols;
    /** This module's pack and unpack: protocols using them are packed and unpacked without a Lua call. */
    private LuaValue packFunction;
    private LuaValue unpackFunction;

    SkynetCore(LuaServiceBody body) {
        this.body = body;
        this.service = body.service;
        this.node = service.node;
        this.tasks = new Tasks(body);
        this.tracing = new Tracing(body);
        body.core = this;
        messaging();
        scheduling();
        services();
        serialization();
        debugging();
        CoreCommands.define(body, table);
        tracing.define(table);
    }

    LuaTable table() {
        return table;
    }

    private LuaValue def(String name, LuaFn.Body fn) {
        LuaValue f = LuaFn.of(name, fn);
        table.set(name, f);
        return f;
    }

    private void defProtocol(String name, ProtocolFunction.Body fn) {
        table.set(name, new ProtocolFunction(name, fn));
    }

    /** skynet.kill and the KILL command: logs skynet's line (as the killer), then kills; false if nobody holds {@code h}. */
    static boolean kill(Service killer, int h) {
        killer.node.log(killer.handle, "KILL :" + Integer.toHexString(h));
        return killer.node.kill(h);
    }

    /** Numeric address of a number, ":hex", ".local" or global name; 0 when nobody holds it. */
    int resolve(LuaValue addr) {
        if (addr.type() == LuaValue.TNUMBER) return addr.toint();
        String s = addr.checkjstring();
        if (s.startsWith(":")) return Address.parseColonHex(s);
        return node.lookup(s);
    }

    private void messaging() {
        // callback(f [, proto]): with skynet.lua's protocol table, requests whose protocol has a dispatch
        // function go straight to it (what skynet.dispatch_message does); f gets everything else.
        def("callback", a -> {
            body.callback = a.checkfunction(1);
            dispatchProtocols = a.istable(2) ? a.checktable(2) : null;
            if (dispatchProtocols != null) protocols = dispatchProtocols;
            return LuaValue.NONE;
        });
        // skynet.send(addr, typename, ...), skynet.call(addr, typename, ...), skynet.retpack(...): the Lua
        // versions' behaviour (errors included) without their Lua calls; see skynet.lua.
        defProtocol("protosend", (addr, typename, values, first) -> {
            LuaValue p = protocol(typename);
            LuaValue id = p.get(ID);
            byte[] data = pack(p, values, first);
            int dest = resolve(addr);
            if (dest == 0 || !service.send(dest, id.checkint(), 0, data)) return LuaValue.NIL;
            return LuaValue.ZERO;
        });
        defProtocol("protocall", (addr, typename, values, first) -> {
            LuaValue p = protocol(typename);
            LuaValue id = p.get(ID);
            byte[] data = pack(p, values, first);
            int dest = resolve(addr);
            Message reply = dest == 0 ? null : call(dest, id.checkint(), data, 1);
            if (reply == null) throw new LuaError("call to invalid address " + address(addr));
            if (reply.type == Ptype.ERROR) throw new LuaError("call failed");
            return unpack(p.get(UNPACK), reply.data);
        });
        def("retpack", a -> {
            tracing.event("response", 0);
            try {
                return LuaValue.valueOf(service.ret(Ptype.RESPONSE, scratch.pack(a, 1)));
            } catch (IllegalStateException e) {
                throw new LuaError(e.getMessage());
            }
        });
        // send(addr, type, session, msg, sz): session 0 = one-way, nil = allocate; returns the session or nil
        def("send", a -> {
            int dest = resolve(a.arg1());
            int session = a.isnil(3) ? service.newSession() : a.checkint(3);
            if (dest == 0 || !service.send(dest, a.checkint(2), session, Payload.bytes(a, 4))) return LuaValue.NIL;
            return LuaValue.valueOf(session);
        });
        // redirect(dest, source, type, session, msg, sz)
        def("redirect", a -> {
            int dest = resolve(a.arg1());
            int source = resolve(a.arg(2));
            boolean ok = dest != 0 && node.send(source, dest, a.checkint(3), a.optint(4, 0), Payload.bytes(a, 5));
            return ok ? LuaValue.valueOf(0) : LuaValue.NIL;
        });
        // call(addr, type, msg, sz) -> true, msg, sz | false, errmsg | nil (invalid address)
        def("call", a -> {
            int dest = resolve(a.arg1());
            if (dest == 0) return LuaValue.NIL;
            Message reply = call(dest, a.checkint(2), Payload.bytes(a, 3), 2);
            if (reply == null) return LuaValue.NIL;
            if (reply.type == Ptype.ERROR) {
                return reply.data.length == 0 ? LuaValue.FALSE
                    : LuaValue.varargsOf(LuaValue.FALSE, Payload.string(reply.data));
            }
            return LuaValue.varargsOf(LuaValue.TRUE, Payload.wrap(reply.data), LuaValue.valueOf(reply.data.length));
        });
        def("ret", a -> {
            tracing.event("response", 0);
            try {
                return LuaValue.valueOf(service.ret(Ptype.RESPONSE, Payload.bytes(a, 1)));
            } catch (IllegalStateException e) {
                throw new LuaError(e.getMessage());
            }
        });
        def("response", a -> {
            try {
                return new LuaUserdata(service.response());
            } catch (IllegalStateException e) {
                throw new LuaError(e.getMessage());
            }
        });
        // respond(r, ok, msg, sz): ok=false sends an error reply
        def("respond", a -> {
            PendingResponse r = (PendingResponse) a.checkuserdata(1, PendingResponse.class);
            boolean ok = a.toboolean(2);
            try {
                return LuaValue.valueOf(service.respond(r, ok ? Ptype.RESPONSE : Ptype.ERROR,
                    ok ? Payload.bytes(a, 3) : Message.EMPTY));
            } catch (IllegalStateException e) {
                throw new LuaError(e.getMessage());
            }
        });
        def("response_valid", a -> LuaValue.valueOf(
            service.responseValid((PendingResponse) a.checkuserdata(1, PendingResponse.class))));
        def("ignoreret", a -> {
            service.ignoreReply();
            return LuaValue.NONE;
        });
        def("context", a -> {
            Execution e = service.current();
            return e == null ? LuaValue.NONE : LuaValue.varargsOf(LuaValue.valueOf(e.session()), LuaValue.valueOf(e.source()));
        });
        def("genid", a -> LuaValue.valueOf(service.newSession()));
        // lua_createtable: an empty table with room for the given numbers of array and hash entries
        def("newtable", a -> new LuaTable(a.optint(1, 0), a.optint(2, 0)));
        def("term", a -> {
            int dest = resolve(a.arg1());
            if (dest != 0) service.term(dest);
            return LuaValue.NONE;
        });
    }

    /** A blocking call; null when {@code dest} does not exist. traceLevel: the caller's Lua level for a trace line. */
    private Message call(int dest, int type, byte[] data, int traceLevel) {
        body.refuseBlockingWhereLuaCannotYield();
        LuaThread me = body.globals.running;
        tracing.calling(dest, traceLevel);
        try {
            return service.call(dest, type, data);
        } catch (InvalidAddress e) {
            return null;
        } finally {
            body.globals.running = me;
            tracing.event("resume", 0);
        }
    }

    /** skynet.lua's protocol(typename): the protocol table, or the error its caller's caller gets. */
    private LuaValue protocol(LuaValue typename) {
        LuaValue p = protocols == null ? LuaValue.NIL : protocols.get(typename);
        if (p.isnil()) throw new LuaError("unknown protocol " + typename.tojstring());
        return p;
    }

    /** skynet.address(addr) as the call error shows it. */
    private static String address(LuaValue addr) {
        return addr.type() == LuaValue.TNUMBER ? Address.format((int) addr.tolong()) : addr.tojstring();
    }

    /** p.pack(args[first..]) as message bytes. */
    private byte[] pack(LuaValue p, Varargs args, int first) {
        LuaValue pack = p.get(PACK);
        if (pack == packFunction) return scratch.pack(args, first);
        int n = args.narg() - first + 1;
        LuaValue[] rest = new LuaValue[Math.max(0, n)];
        for (int i = 0; i < rest.length; i++) rest[i] = args.arg(first + i);
        if (!pack.isfunction() && pack.getmetatable() == null) throw new LuaError("attempt to call field 'pack' (a " + pack.typename() + " value)");
        return Payload.bytes(pack.invoke(LuaValue.varargsOf(rest)), 1);
    }

    /** unpack(msg, sz) of a received message, the built-in unpack without a Lua call. */
    Varargs unpack(LuaValue unpack, byte[] data) {
        if (unpack == unpackFunction) return scratch.unpack(data);
        if (!unpack.isfunction() && unpack.getmetatable() == null) throw new LuaError("attempt to call field 'unpack' (a " + unpack.typename() + " value)");
        return unpack.invoke(Payload.wrap(data), LuaValue.valueOf(data.length));
    }

    /**
     * What skynet.dispatch_message does with a request whose protocol has a dispatch function and an
     * unpack function: dispatch(session, source, unpack(msg, sz)). Returns false when the Lua callback
     * must handle the message (responses, unknown protocols, no dispatch, no callback table).
     */
    boolean dispatch(Message m) {
        if (dispatchProtocols == null || m.type == Ptype.RESPONSE || tracing.wantsLua(m.type)) return false;
        LuaValue p = dispatchProtocols.get(m.type);
        if (!p.istable()) return false;
        LuaValue f = p.get(DISPATCH);
        if (!f.toboolean()) return false;
        LuaValue u = p.get(UNPACK);
        if (u != unpackFunction && !u.isfunction()) return false;
        if (!p.rawget(TRACE).isnil()) return false; // skynet.traceproto: skynet.lua tags the request
        Varargs values = unpack(u, m.data);
        LuaValue session = LuaValue.valueOf(m.session), source = LuaValue.valueOf(m.source);
        // the interpreter's own calls with two or three arguments: no argument list to build
        switch (values.narg()) {
            case 0 -> f.call(session, source);
            case 1 -> f.call(session, source, values.arg1());
            default -> f.invoke(LuaValue.varargsOf(session, source, values));
        }
        tracing.ended();
        return true;
    }

    /** A request's code raised an error: its trace (if any) logs "error" and ends. */
    void requestFailed(int session) {
        tracing.failed(session);
    }

    private void scheduling() {
        def("fork", a -> body.exposedThreadOf(service.fork(new LuaServiceBody.Call(a.checkfunction(1), a.subargs(2)))));
        def("timeout", a -> {
            long cs = a.checklong(1);
            String description = tasks.timeoutCreated(cs);
            Execution e = service.timeout(cs, new LuaServiceBody.Call(a.checkfunction(2), LuaValue.NONE));
            body.timeouts.created(e, description);
            return body.exposedThreadOf(e);
        });
        def("sleep", a -> {
            body.refuseBlockingWhereLuaCannotYield();
            LuaThread me = body.globals.running;
            LuaValue token = a.arg(2);
            boolean broken;
            tracing.event("sleep", 1);
            try {
                broken = service.sleep(a.checklong(1), token.isnil() ? me : token);
            } finally {
                body.globals.running = me;
                tracing.event("resume", 0);
            }
            return broken ? BREAK : LuaValue.NONE;
        });
        def("wait", a -> {
            body.refuseBlockingWhereLuaCannotYield();
            LuaThread me = body.globals.running;
            LuaValue token = a.arg1();
            tracing.event("sleep", 1);
            try {
                service.await(token.isnil() ? me : token);
            } finally {
                body.globals.running = me;
                tracing.event("resume", 0);
            }
            return LuaValue.NONE;
        });
        def("wakeup", a -> service.wakeup(a.checkvalue(1)) ? LuaValue.TRUE : LuaValue.NIL);
        // killthread(co): a coroutine object, or a string matched against tostring(co) of suspended ones
        def("killthread", a -> {
            Execution e = a.isstring(1) && !a.isnumber(1) ? suspendedNamed(a.checkjstring(1)) : body.executionOf(a.arg1());
            if (e == null) return LuaValue.NIL;
            LuaValue co = body.exposedThreadOf(e); // taken before the kill: skynet returns the coroutine it closed
            return body.killExecution(e) ? co : LuaValue.NIL;
        });
        def("now", a -> LuaValue.valueOf(node.now()));
        def("starttime", a -> LuaValue.valueOf(node.startTime()));
        def("hpc", a -> LuaValue.valueOf(System.nanoTime()));
    }

    private Execution suspendedNamed(String name) {
        for (Execution e : service.suspended())
            if (body.threadOf(e).tojstring().contains(name)) return e;
        return null;
    }

    private void services() {
        def("self", a -> LuaValue.valueOf(service.handle));
        def("getenv", a -> {
            String v = node.getenv(a.checkjstring(1));
            return v == null ? LuaValue.NIL : LuaValue.valueOf(v);
        });
        def("setenv", a -> LuaValue.valueOf(node.setenv(a.checkjstring(1), a.checkjstring(2))));
        def("error", a -> {
            node.log(service.handle, a.checkjstring(1));
            return LuaValue.NONE;
        });
        def("resolve", a -> {
            int h = resolve(a.arg1());
            return h == 0 || node.service(h) == null ? LuaValue.NIL : LuaValue.valueOf(h);
        });
        def("localname", a -> {
            int h = node.lookup(a.checkjstring(1));
            return h == 0 ? LuaValue.NIL : LuaValue.valueOf(h);
        });
        // name(name, addr): false when the name is taken
        def("name", a -> LuaValue.valueOf(node.register(a.checkjstring(1), resolve(a.arg(2)))));
        // launch("name args...") -> address | nil, reason
        def("launch", a -> {
            try {
                return LuaValue.valueOf(body.runtime.launch(a.checkjstring(1)).handle);
            } catch (LuaRuntime.LaunchException e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
            }
        });
        def("start_called", a -> {
            body.startCalled = true;
            return LuaValue.NONE;
        });
        // started(ok [, err]): the start function finished (init_service)
        def("started", a -> {
            if (a.toboolean(1)) body.startedOk();
            else body.started.completeExceptionally(new LuaRuntime.LaunchException(a.optjstring(2, "init service failed")));
            return LuaValue.NONE;
        });
        def("upgrade_hooks", a -> {
            body.snapshotHook = a.isnil(1) ? LuaValue.NIL : a.checkfunction(1);
            body.restoreHook = a.isnil(2) ? LuaValue.NIL : a.checkfunction(2);
            if (!a.isnil(3)) body.declaredVersion = a.checkjstring(3);
            return LuaValue.NONE;
        });
        def("kill", a -> {
            int h = resolve(a.arg1());
            return LuaValue.valueOf(h != 0 && kill(service, h));
        });
        // monitor(addr): addr hears (PTYPE_CLIENT, from the dead service) of every service that exits
        def("monitor", a -> {
            body.runtime.exitMonitor.set(resolve(a.arg1()));
            return LuaValue.NONE;
        });
        // As skynet.exit: the suspended coroutines are closed first, then the caller's (their __close run)
        def("exit", a -> {
            body.exit();
            return LuaValue.NONE;
        });
        def("abort", a -> {
            node.abort(a.optint(1, 0));
            return LuaValue.NONE;
        });
        // logon(addr): skynet's LOGON command (the launcher's LOGLAUNCH); true when logging started
        def("logon", a -> LuaValue.valueOf(node.logOn(resolve(a.arg1()))));
        def("mqlen", a -> LuaValue.valueOf(service.mailboxLength()));
        def("message_count", a -> LuaValue.valueOf(service.messageCount()));
        // seconds spent running this service's code, and the current message's so far (config key profile)
        def("cpu", a -> LuaValue.valueOf(service.cpuSeconds()));
        def("message_time", a -> LuaValue.valueOf(service.currentRunSeconds()));
        def("endless", a -> LuaValue.valueOf(body.runtime.endless.take(service.handle)));
        def("memlimit", a -> {
            body.memory.limit(a.checklong(1));
            return LuaValue.NONE;
        });
        // memory() -> live KB measured now, memlimit in KB (0: none)
        def("memory", a -> LuaValue.varargsOf(LuaValue.valueOf(body.memory.measure(Long.MAX_VALUE, MemoryAccount.REPORT_MAX_OBJECTS) / 1024.0),
            LuaValue.valueOf(body.memory.limit() / 1024.0)));
    }

    /** What the debug protocol's RUN/DRYRUN (inject), PATCHES, ROLLBACK and TASK commands need. */
    private void debugging() {
        // inject(dispatch_message, register_protocol, dryrun, source, filename, args...) -> ok, output
        def("inject", a -> {
            Injector.Outcome r = Injector.run(body.globals, body.patches, new LuaValue[] {a.arg(1), a.arg(2)},
                a.checkstring(4), a.checkjstring(5), a.subargs(6), a.toboolean(3));
            return LuaValue.varargsOf(LuaValue.valueOf(r.ok()), LuaValue.valueOf(r.output()));
        });
        def("patches", a -> {
            List<String> lines = body.patches.describe();
            return LuaValue.valueOf(lines.isEmpty() ? "no patches applied" : String.join("\n", lines));
        });
        // rollback() -> true, report | false, reason
        def("rollback", a -> {
            List<String> report = body.patches.rollback();
            if (report == null) {
                int settled = body.patches.settledCount();
                return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf(settled == 0 ? "no patch to roll back"
                    : "no patch to roll back: the " + settled + " older patch(es) in effect are too old (rollback keeps the newest "
                        + body.patches.undoDepth() + ")"));
            }
            return LuaValue.varargsOf(LuaValue.TRUE, LuaValue.valueOf(String.join("\n", report)));
        });
        def("task_count", a -> LuaValue.valueOf(tasks.count()));
        def("tasks", a -> tasks.list());
        // task_session(n): what the coroutine blocked on session n waits for, or nil
        def("task_session", a -> {
            String d = tasks.ofSession(a.checkint(1));
            return d == null ? LuaValue.NIL : LuaValue.valueOf(d);
        });
        // task_thread(co): the session co is blocked on and what it is doing; nil for a coroutine of another kind
        def("task_thread", a -> {
            Execution e = body.executionOf(a.arg1());
            if (e == null) return LuaValue.NIL;
            int session = tasks.sessionOf(e);
            return LuaValue.varargsOf(session == 0 ? LuaValue.NIL : LuaValue.valueOf(session), LuaValue.valueOf(tasks.of(e)));
        });
        def("trace_timeout", a -> {
            body.timeouts.traced = a.toboolean(1);
            return LuaValue.NONE;
        });
        def("uniqtasks", a -> tasks.unique());
        def("killtask", a -> LuaValue.valueOf(tasks.kill(a.checkjstring(1))));
    }

    private void serialization() {
        packFunction = def("pack", a -> {
            byte[] b = Pack.pack(a);
            return LuaValue.varargsOf(Payload.wrap(b), LuaValue.valueOf(b.length));
        });
        def("packstring", a -> Payload.string(Pack.pack(a)));
        unpackFunction = def("unpack", a -> {
            byte[] b = Payload.bytes(a, 1);
            return Pack.unpack(b, 0, b.length);
        });
        def("tostring", a -> Payload.string(Payload.bytes(a, 1)));
        // a payload that came inside a message as a pointer is freed here, as skynet frees its memory
        def("trash", a -> {
            Pointer.free(a.arg1());
            return LuaValue.NONE;
        });
    }
}
