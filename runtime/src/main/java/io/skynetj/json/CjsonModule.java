package io.skynetj.json;

import io.skynetj.lua.lib.LuaFn;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The table {@code require "cjson"} (and {@code "cjson.safe"}) returns: lua-cjson 2.1.0's functions
 * and settings, with OpenResty's additions (empty_array, array_mt, empty_array_mt,
 * decode_array_with_array_mt, encode_empty_table_as_object, encode_escape_forward_slash).
 */
final class CjsonModule {
    /** cjson.null and cjson.empty_array: lua-cjson's light userdata, immutable, one for the whole JVM. */
    static final LuaUserdata NULL = new LuaUserdata(new Marker("null"));
    static final LuaUserdata EMPTY_ARRAY = new LuaUserdata(new Marker("empty_array"));

    private record Marker(String name) {}

    /** A service's array_mt and empty_array_mt: tables are per service, shared by its cjson instances. */
    record Markers(LuaTable arrayMt, LuaTable emptyArrayMt) {
        static Markers create() {
            return new Markers(new LuaTable(), new LuaTable());
        }
    }

    private CjsonModule() {}

    /** A new instance with default settings; {@code safe}: encode and decode return nil, message instead of raising. */
    static LuaTable create(Markers markers, boolean safe) {
        CjsonConfig c = new CjsonConfig();
        LuaTable m = new LuaTable();
        CjsonEncoder encoder = new CjsonEncoder(c, markers);
        CjsonDecoder decoder = new CjsonDecoder(c, markers);
        m.set("encode", codec("encode", safe, a -> encoder.encode(a.arg1())));
        m.set("decode", codec("decode", safe, a -> decoder.decode(a.checkstring(1))));
        m.set("new", LuaFn.of("new", a -> create(markers, safe)));
        m.set("encode_sparse_array", LuaFn.of("encode_sparse_array", a -> {
            if (!a.isnil(1)) c.sparseConvert = onOff("encode_sparse_array", a, 1);
            // lua-cjson 2.1.0 names every argument of this function #1 in its errors; so do we
            if (!a.isnil(2)) c.sparseRatio = integer("encode_sparse_array", a.subargs(2), 1, 0, Integer.MAX_VALUE);
            if (!a.isnil(3)) c.sparseSafe = integer("encode_sparse_array", a.subargs(3), 1, 0, Integer.MAX_VALUE);
            return LuaValue.varargsOf(LuaValue.valueOf(c.sparseConvert), LuaValue.valueOf(c.sparseRatio), LuaValue.valueOf(c.sparseSafe));
        }));
        m.set("encode_max_depth", setting("encode_max_depth", a -> {
            if (!a.isnil(1)) c.encodeMaxDepth = integer("encode_max_depth", a, 1, 1, Integer.MAX_VALUE);
            return LuaValue.valueOf(c.encodeMaxDepth);
        }));
        m.set("decode_max_depth", setting("decode_max_depth", a -> {
            if (!a.isnil(1)) c.decodeMaxDepth = integer("decode_max_depth", a, 1, 1, Integer.MAX_VALUE);
            return LuaValue.valueOf(c.decodeMaxDepth);
        }));
        m.set("encode_number_precision", setting("encode_number_precision", a -> {
            if (!a.isnil(1)) c.numberPrecision = integer("encode_number_precision", a, 1, 1, 14);
            return LuaValue.valueOf(c.numberPrecision);
        }));
        flag(m, "encode_keep_buffer", () -> c.keepBuffer, v -> c.keepBuffer = v);
        m.set("encode_invalid_numbers", setting("encode_invalid_numbers", a -> {
            if (!a.isnil(1)) {
                LuaValue v = a.arg1();
                c.encodeInvalidNumbers = v.isstring() && !v.isnumber() && v.tojstring().equals("null")
                    ? CjsonConfig.InvalidNumbers.NULL
                    : onOff("encode_invalid_numbers", a, 1) ? CjsonConfig.InvalidNumbers.ALLOW : CjsonConfig.InvalidNumbers.ERROR;
            }
            return switch (c.encodeInvalidNumbers) {
                case NULL -> LuaValue.valueOf("null");
                case ALLOW -> LuaValue.TRUE;
                case ERROR -> LuaValue.FALSE;
            };
        }));
        flag(m, "decode_invalid_numbers", () -> c.decodeInvalidNumbers, v -> c.decodeInvalidNumbers = v);
        flag(m, "encode_empty_table_as_object", () -> c.emptyTableAsObject, v -> c.emptyTableAsObject = v);
        flag(m, "encode_escape_forward_slash", () -> c.escapeForwardSlash, v -> c.escapeForwardSlash = v);
        flag(m, "decode_array_with_array_mt", () -> c.decodeArrayWithArrayMt, v -> c.decodeArrayWithArrayMt = v);
        m.set("null", NULL);
        m.set("empty_array", EMPTY_ARRAY);
        m.set("array_mt", markers.arrayMt());
        m.set("empty_array_mt", markers.emptyArrayMt());
        m.set("_NAME", safe ? "cjson.safe" : "cjson");
        m.set("_VERSION", "2.1.0");
        return m;
    }

    /** encode or decode: exactly one argument; the safe variant turns failures into nil, message. */
    private static LuaValue codec(String name, boolean safe, Function<Varargs, LuaValue> work) {
        return LuaFn.of(name, a -> {
            if (a.narg() != 1) throw argError(name, 1, "expected 1 argument");
            if (!safe) return work.apply(a);
            try {
                return work.apply(a);
            } catch (CjsonError e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
            }
        });
    }

    /** A setting function takes at most one argument, like lua-cjson's. */
    private static LuaValue setting(String name, Function<Varargs, LuaValue> body) {
        return LuaFn.of(name, a -> {
            if (a.narg() > 1) throw argError(name, 2, "found too many arguments");
            return body.apply(a);
        });
    }

    /** A boolean setting: {@code name([true|false|"on"|"off"])} sets it when given, and returns it. */
    private static void flag(LuaTable m, String name, BooleanSupplier get, Consumer<Boolean> set) {
        m.set(name, setting(name, a -> {
            if (!a.isnil(1)) set.accept(onOff(name, a, 1));
            return LuaValue.valueOf(get.getAsBoolean());
        }));
    }

    /** true/false or "on"/"off". */
    private static boolean onOff(String fn, Varargs a, int i) {
        LuaValue v = a.arg(i);
        if (v.isboolean()) return v.toboolean();
        if (v.type() == LuaValue.TSTRING) {
            String s = v.tojstring();
            if (s.equals("on")) return true;
            if (s.equals("off")) return false;
        }
        throw argError(fn, i, "invalid option '" + v.tojstring() + "'");
    }

    private static int integer(String fn, Varargs a, int i, int min, int max) {
        LuaValue v = a.arg(i);
        double d = v.isnumber() ? v.todouble() : Double.NaN;
        if (!(d >= min && d <= max)) throw argError(fn, i, "expected integer between " + min + " and " + max);
        return (int) d;
    }

    private static LuaError argError(String fn, int i, String message) {
        return new LuaError("bad argument #" + i + " to '" + fn + "' (" + message + ")");
    }
}
