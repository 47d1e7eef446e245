package io.skynetj.bson;

import io.skynetj.lua.lib.LuaFn;
import java.util.concurrent.atomic.AtomicInteger;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** The table {@code require "bson"} returns: skynet's lua-bson functions (used by skynet.db.mongo). */
final class BsonModule {
    /** bson.timestamp's increment when none is given: one counter for the process, as skynet's. */
    private static final AtomicInteger TIMESTAMP_INC = new AtomicInteger();

    private final LuaTable docMeta = documentMetatable();
    private final ObjectIds ids;

    private BsonModule(ObjectIds ids) {
        this.ids = ids;
    }

    static LuaTable create(ObjectIds ids) {
        return new BsonModule(ids).build();
    }

    /** The metatable of document userdata: doc:decode(), doc:makeindex(), tostring, #, doc.key = v. */
    static LuaTable documentMetatable() {
        LuaTable meta = new LuaTable();
        LuaTable methods = new LuaTable();
        methods.set("decode", LuaFn.of("decode", a -> decode(a.arg1())));
        methods.set("makeindex", LuaFn.of("makeindex", a -> {
            BsonDocument d = doc(a.arg1());
            if (d == null) throw new LuaError("bad argument #1 to 'makeindex' (bson expected, got " + a.arg1().typename() + ")");
            d.index = BsonDecoder.index(d.bytes);
            return a.arg1();
        }));
        meta.set("__index", methods);
        meta.set("__tostring", LuaFn.of("__tostring", a -> LuaString.valueOf(doc(a.arg1()).bytes)));
        meta.set("__len", LuaFn.of("__len", a -> LuaValue.valueOf(doc(a.arg1()).bytes.length)));
        meta.set("__newindex", LuaFn.of("__newindex", a -> {
            BsonReplace.replace(doc(a.arg1()), a.arg(2), a.arg(3));
            return LuaValue.NONE;
        }));
        return meta;
    }

    private LuaTable build() {
        LuaTable m = new LuaTable();
        m.set("encode", LuaFn.of("encode", a -> {
            if (!a.arg1().istable()) throw new LuaError("bad argument #1 to 'encode' (table expected, got " + a.arg1().typename() + ")");
            return wrap(BsonEncoder.document(a.arg1()));
        }));
        m.set("encode_order", LuaFn.of("encode_order", a -> {
            if (a.narg() % 2 != 0) throw new LuaError("Invalid ordered dict");
            return wrap(BsonEncoder.ordered(a));
        }));
        m.set("decode", LuaFn.of("decode", a -> decode(a.arg1())));
        m.set("to_lightuserdata", LuaFn.of("to_lightuserdata", a -> a.arg1()));
        m.set("date", LuaFn.of("date", a -> BsonDecoder.special(BsonType.DATE, le32(a.checkint(1)))));
        m.set("int64", LuaFn.of("int64", a -> {
            long v = a.checklong(1);
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) b[i] = (byte) (v >> (8 * i));
            return BsonDecoder.special(BsonType.INT64, b);
        }));
        m.set("timestamp", LuaFn.of("timestamp", a -> {
            int seconds = a.checkint(1);
            int inc = a.arg(2).isnil() ? TIMESTAMP_INC.getAndIncrement() : (int) a.arg(2).tolong();
            byte[] b = new byte[8];
            System.arraycopy(le32(inc), 0, b, 0, 4);
            System.arraycopy(le32(seconds), 0, b, 4, 4);
            return BsonDecoder.special(BsonType.TIMESTAMP, b);
        }));
        m.set("regex", LuaFn.of("regex", a -> {
            LuaString pattern = a.checkstring(1);
            LuaString options = a.narg() < 2 ? LuaValue.EMPTYSTRING : a.arg(2).checkstring();
            byte[] b = new byte[pattern.m_length + options.m_length + 2];
            pattern.copyInto(0, b, 0, pattern.m_length);
            options.copyInto(0, b, pattern.m_length + 1, options.m_length);
            return BsonDecoder.special(BsonType.REGEX, b);
        }));
        m.set("binary", LuaFn.of("binary", a -> {
            LuaString data = a.checkstring(1);
            byte[] b = new byte[data.m_length + 1];
            data.copyInto(0, b, 1, data.m_length);
            return BsonDecoder.special(BsonType.BINARY, b);
        }));
        m.set("objectid", LuaFn.of("objectid", a -> BsonDecoder.special(BsonType.OBJECTID, ids.next(a.arg1()))));
        m.set("type", LuaFn.of("type", BsonTypeOf::of));
        m.set("null", BsonDecoder.special(BsonType.NULL, new byte[0]));
        m.set("minkey", BsonDecoder.special(BsonType.MINKEY, new byte[0]));
        m.set("maxkey", BsonDecoder.special(BsonType.MAXKEY, new byte[0]));
        return m;
    }

    private LuaValue wrap(byte[] bytes) {
        return new LuaUserdata(new BsonDocument(bytes), docMeta);
    }



    private static BsonDocument doc(LuaValue v) {
        return v.isuserdata() && v.touserdata() instanceof BsonDocument d ? d : null;
    }

    private static Varargs decode(LuaValue v) {
        BsonDocument d = doc(v);
        return d == null ? LuaValue.NONE : BsonDecoder.decode(d.bytes);
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
