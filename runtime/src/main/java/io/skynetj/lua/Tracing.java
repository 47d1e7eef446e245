package io.skynetj.lua;

import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.lua.lib.LuaFn;
import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * skynet's trace log across services. skynet.lua keeps each coroutine's tag (skynet.trace() makes
 * one; false: never traced) in a table it hands over here with {@code trace_tags}. A traced coroutine
 * logs {@code <TRACE tag> ns call} and sends the callee a {@code PTYPE_TRACE} message with its tag
 * before each call, {@code resume} when the reply wakes it, {@code sleep} before a sleep or wait,
 * {@code response} when it replies and {@code end} when its request is done ({@code error} when it
 * raised one); the callee's next
 * request from that caller runs under the tag ({@code request}). Nothing is checked per message until
 * the service first traces something.
 */
final class Tracing {
    private final LuaServiceBody body;
    private final Service service;
    /** skynet.lua's coroutine -> tag table, once a coroutine of this service was traced. */
    private LuaTable tags;
    /** Tags that came in PTYPE_TRACE messages, for the next request from each source. */
    private final Map<Integer, LuaString> incoming = new HashMap<>();

    Tracing(LuaServiceBody body) {
        this.body = body;
        this.service = body.service;
    }

    void define(LuaTable core) {
        core.set("trace_tags", LuaFn.of("trace_tags", a -> {
            tags = a.checktable(1);
            return LuaValue.NONE;
        }));
        // trace_incoming(source, tag): a PTYPE_TRACE message; trace_take(source) -> that tag once, or nil
        core.set("trace_incoming", LuaFn.of("trace_incoming", a -> {
            incoming.put(a.checkint(1), a.checkstring(2));
            return LuaValue.NONE;
        }));
        core.set("trace_take", LuaFn.of("trace_take", a -> {
            LuaString tag = incoming.isEmpty() ? null : incoming.remove(a.checkint(1));
            return tag == null ? LuaValue.NIL : tag;
        }));
        core.set("trace", LuaFn.of("trace", this::trace));
    }

    /** Whether the next message needs skynet.lua's own dispatch (it carries or follows a trace tag). */
    boolean wantsLua(int type) {
        return type == Ptype.TRACE || !incoming.isEmpty();
    }

    /** Before a call from the running coroutine to dest: logged at the given Lua level. */
    void calling(int dest, int level) {
        LuaValue tag = tag();
        if (tag == null) return;
        log(tag.tojstring(), "call", sourceLines(body.globals.running, level));
        service.send(dest, Ptype.TRACE, 0, tag.checkstring().tojstring().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** The running coroutine does what (resume, response, sleep); level 0: no source lines. */
    void event(String what, int level) {
        LuaValue tag = tag();
        if (tag != null) log(tag.tojstring(), what, level == 0 ? "" : sourceLines(body.globals.running, level));
    }

    /** A request's coroutine is done: "end" if it was traced, and its tag is dropped. */
    void ended() {
        if (tags == null) return;
        LuaValue co = body.globals.running;
        LuaValue tag = tags.rawget(co);
        if (tag.isnil()) return;
        if (tag.isstring()) log(tag.tojstring(), "end", "");
        tags.rawset(co, LuaValue.NIL);
    }

    /** The running request raised an error: "error" if it was traced and called (skynet's rule), then no tag. */
    void failed(int session) {
        if (tags == null) return;
        LuaValue co = body.globals.running;
        LuaValue tag = tags.rawget(co);
        if (tag.isstring() && session != 0) log(tag.tojstring(), "error", "");
        if (!tag.isnil()) tags.rawset(co, LuaValue.NIL);
    }

    private LuaValue tag() {
        if (tags == null) return null;
        LuaValue tag = tags.rawget(body.globals.running);
        return tag.isstring() ? tag : null;
    }

    /** skynet.core's trace(tag, what [, co] [, level]). */
    private Varargs trace(Varargs a) {
        String tag = a.checkjstring(1), user = a.checkjstring(2);
        String where = "";
        if (!a.isnil(3)) {
            boolean thread = a.arg(3).isthread();
            int level = thread ? a.optint(4, 1) : a.optint(3, 1);
            where = sourceLines(thread ? a.arg(3) : body.globals.running, level);
        }
        log(tag, user, where);
        return LuaValue.NONE;
    }

    private void log(String tag, String what, String where) {
        service.node.log(service.handle, "<TRACE " + tag + "> " + System.nanoTime() + " " + what + where);
    }

    /** " : source:line ..." of up to three Lua levels of co from level on (what the debug library sees). */
    private String sourceLines(LuaValue co, int level) {
        LuaValue getinfo = body.globals.get("debug").get("getinfo");
        if (!getinfo.isfunction()) return "";
        StringBuilder where = new StringBuilder();
        int found = 0;
        for (int n = level; found < 3; n++) {
            LuaValue info = getinfo.invoke(LuaValue.varargsOf(co, LuaValue.valueOf(n), LuaValue.valueOf("Sl"))).arg1();
            if (!info.istable()) break;
            if (info.get("currentline").toint() < 0) continue;
            where.append(found++ == 0 ? " : " : " ").append(info.get("source").tojstring()).append(':').append(info.get("currentline").toint());
        }
        return where.toString();
    }
}
