package io.skynetj.sproto;

import io.skynetj.lua.LuaServiceBody;
import io.skynetj.lua.Payload;
import io.skynetj.lua.lib.LuaFn;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The table {@code require "sproto.core"} returns: the functions skynet's sproto.lua and
 * sprotoloader.lua call. Schemas and types are userdata (skynet: light userdata); a protocol whose
 * response is {@code nil} answers with a "no content" userdata, which encodes to "" and decodes to nothing.
 */
final class SprotoCoreModule {
    /** The response type of {@code response nil}: skynet's NULL light userdata. */
    private static final LuaUserdata NO_CONTENT = new LuaUserdata(new Object() {
        @Override
        public String toString() {
            return "sproto response nil";
        }
    });

    private SprotoCoreModule() {}

    static LuaTable create(LuaServiceBody body, SprotoSlots slots) {
        LuaTable m = new LuaTable();
        m.set("newproto", LuaFn.of("newproto", a -> {
            byte[] bundle = Payload.stringBytes(a.checkstring(1));
            try {
                return new LuaUserdata(SprotoSchema.load(bundle));
            } catch (MalformedException | IndexOutOfBoundsException e) {
                return LuaValue.NONE;
            }
        }));
        m.set("deleteproto", LuaFn.of("deleteproto", a -> {
            schema(a, 1, "Need a sproto object");
            return LuaValue.NONE;
        }));
        m.set("dumpproto", LuaFn.of("dumpproto", a -> {
            LuaValue print = body.globals().get("print");
            for (String line : SchemaDump.lines(schema(a, 1, "Need a sproto_type object"))) print.call(LuaValue.valueOf(line));
            return LuaValue.NONE;
        }));
        m.set("querytype", LuaFn.of("querytype", a -> {
            SprotoType t = schema(a, 1, "Need a sproto object").type(a.checkjstring(2));
            return t == null ? LuaValue.NONE : new LuaUserdata(t);
        }));
        m.set("protocol", LuaFn.of("protocol", a -> protocol(a)));
        m.set("encode", LuaFn.of("encode", a -> {
            SprotoType t = type(a.arg1());
            if (t == null) {
                if (!a.arg(2).isnil()) throw new LuaError("bad argument #2 to 'encode' (nil expected, got " + a.arg(2).typename() + ")");
                return LuaValue.EMPTYSTRING;
            }
            return LuaString.valueUsing(SprotoEncoder.encode(t, a.arg(2)));
        }));
        m.set("decode", LuaFn.of("decode", a -> decode(a)));
        m.set("pack", LuaFn.of("pack", a -> {
            byte[] b = bytes(a, 1);
            return LuaString.valueUsing(ZeroPack.pack(b, b.length));
        }));
        m.set("unpack", LuaFn.of("unpack", a -> {
            byte[] b = bytes(a, 1);
            try {
                return LuaString.valueUsing(ZeroPack.unpack(b, b.length));
            } catch (MalformedException e) {
                throw new LuaError("Invalid unpack stream");
            }
        }));
        m.set("default", LuaFn.of("default", a -> {
            LuaValue arg = a.arg1();
            if (!(arg.isuserdata() && arg.touserdata() instanceof SprotoType t)) throw new LuaError("bad argument #1 to 'default' (Need a sproto_type object)");
            return SchemaDump.defaults(t);
        }));
        m.set("saveproto", LuaFn.of("saveproto", a -> {
            slots.save(a.optint(2, 0), schema(a, 1, "Need a sproto object"));
            return LuaValue.NONE;
        }));
        m.set("loadproto", LuaFn.of("loadproto", a -> new LuaUserdata(slots.load(a.optint(1, 0)))));
        return m;
    }

    private static SprotoSchema schema(Varargs a, int i, String need) {
        LuaValue v = a.arg(i);
        if (v.isuserdata() && v.touserdata() instanceof SprotoSchema s) return s;
        throw new LuaError("bad argument #" + i + " (" + need + ")");
    }

    /** A type userdata, or null for anything else (skynet: lua_touserdata gives NULL). */
    private static SprotoType type(LuaValue v) {
        return v.isuserdata() && v.touserdata() instanceof SprotoType t ? t : null;
    }

    /** A string, or a message userdata with its size, as skynet's getbuffer takes them. */
    private static byte[] bytes(Varargs a, int i) {
        LuaValue v = a.arg(i);
        if (v.type() == LuaValue.TSTRING || v.isuserdata()) return Payload.bytes(a, i);
        throw new LuaError("bad argument #" + i + " (Need a string or userdata)");
    }

    private static Varargs decode(Varargs a) {
        SprotoType t = type(a.arg1());
        if (t == null) return LuaValue.NONE;
        byte[] b = bytes(a, 2);
        LuaValue last = a.arg(a.narg());
        LuaValue into = last.istable() ? last : new LuaTable();
        int used;
        try {
            used = SprotoDecoder.decode(t, b, 0, b.length, into, 0);
        } catch (MalformedException | IndexOutOfBoundsException e) {
            throw new LuaError("decode error");
        }
        return LuaValue.varargsOf(into, LuaValue.valueOf(used));
    }

    private static Varargs protocol(Varargs a) {
        SprotoSchema s = schema(a, 1, "Need a sproto_type object");
        LuaValue q = a.arg(2);
        Protocol p;
        LuaValue first;
        if (q.type() == LuaValue.TNUMBER) {
            p = s.protocol(q.toint());
            if (p == null) return LuaValue.NONE;
            first = LuaValue.valueOf(p.name());
        } else {
            if (!q.isstring()) throw new LuaError("bad argument #2 (Should be number or string)");
            p = s.protocol(q.tojstring());
            if (p == null) return LuaValue.NONE;
            first = LuaValue.valueOf(p.tag());
        }
        LuaValue request = p.request() == null ? LuaValue.NIL : new LuaUserdata(p.request());
        LuaValue response = p.response() != null ? new LuaUserdata(p.response()) : p.confirm() ? NO_CONTENT : LuaValue.NIL;
        return LuaValue.varargsOf(first, request, response);
    }
}
