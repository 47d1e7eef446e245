package io.skynetj.stm;

import io.skynetj.lua.Payload;
import io.skynetj.lua.lib.LuaFn;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.stm"}: a writer publishes serialized values (stm.new, writer(msg, sz));
 * stm.copy gives a handle another service turns into a reader (stm.newcopy); reader(f) calls
 * f(msg, sz, ud) with the newest value once per new version and returns true and f's results,
 * or false when nothing changed.
 */
final class StmModule {
    private StmModule() {}

    /** What a reader userdata holds: the object and the version it saw last. */
    private static final class Reader {
        final StmObject object;
        StmObject.Version last;

        Reader(StmObject object) {
            this.object = object;
        }
    }

    /** The module of service {@code owner}, whose writers are released when it exits. */
    static LuaTable create(StmRegistry registry, int owner) {
        LuaTable writerMeta = new LuaTable();
        writerMeta.set("__call", LuaFn.of("update", a -> {
            writer(a.arg1()).update(Payload.bytes(a, 2));
            return LuaValue.NONE;
        }));
        LuaTable readerMeta = new LuaTable();
        readerMeta.set("__call", LuaFn.of("read", a -> read(a)));

        LuaTable m = new LuaTable();
        m.set("new", LuaFn.of("new", a -> {
            StmObject o = new StmObject(Payload.bytes(a, 1));
            LuaUserdata writer = new LuaUserdata(o, writerMeta);
            registry.written(owner, writer, o);
            return writer;
        }));
        m.set("copy", LuaFn.of("copy", a -> LuaValue.valueOf(registry.copy(writer(a.arg1())))));
        m.set("newcopy", LuaFn.of("newcopy", a -> new LuaUserdata(new Reader(registry.take(a.checklong(1))), readerMeta)));
        return m;
    }

    private static StmObject writer(LuaValue v) {
        if (v.isuserdata() && v.touserdata() instanceof StmObject o) return o;
        throw new LuaError("bad argument #1 (stm object expected, got " + v.typename() + ")");
    }

    private static Varargs read(Varargs a) {
        if (!(a.arg1().touserdata() instanceof Reader r)) throw new LuaError("bad argument #1 (stm reader expected)");
        LuaValue f = a.checkfunction(2);
        StmObject.Version v = r.object.current();
        if (v == r.last) return LuaValue.FALSE;
        r.last = v;
        if (v == null) return LuaValue.FALSE;
        Varargs results = f.invoke(LuaValue.varargsOf(Payload.wrap(v.bytes()), LuaValue.valueOf(v.bytes().length), a.arg(3)));
        return LuaValue.varargsOf(LuaValue.TRUE, results);
    }
}
