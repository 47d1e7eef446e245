package io.skynetj.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import org.luaj.vm2.LuaNumberFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * cjson.encode on Jackson's generator. Lua strings are bytes and lua-cjson copies bytes at or above
 * 0x80 unchanged, so strings go through the generator as ISO-8859-1 characters (one per byte) and the
 * output is turned back into bytes the same way: any byte sequence, UTF-8 or not, is kept as it is.
 */
final class CjsonEncoder {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final CharacterEscapes WITH_SLASH = new CjsonEscapes(true);
    private static final CharacterEscapes WITHOUT_SLASH = new CjsonEscapes(false);

    private final CjsonConfig config;
    private final CjsonModule.Markers markers;
    private JsonGenerator gen;

    CjsonEncoder(CjsonConfig config, CjsonModule.Markers markers) {
        this.config = config;
        this.markers = markers;
    }

    LuaString encode(LuaValue value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(config.escapeForwardSlash ? WITH_SLASH : WITHOUT_SLASH);
            gen = g;
            write(value, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        } finally {
            gen = null;
        }
        return LuaString.valueUsing(out.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private void write(LuaValue v, int depth) throws IOException {
        switch (v.type()) {
            case LuaValue.TSTRING -> gen.writeString(latin1(v.checkstring()));
            case LuaValue.TNUMBER -> writeNumber(v.todouble());
            case LuaValue.TBOOLEAN -> gen.writeBoolean(v.toboolean());
            case LuaValue.TNIL -> gen.writeNull();
            case LuaValue.TTABLE -> writeTable((LuaTable) v, depth + 1);
            default -> {
                if (v == CjsonModule.NULL) gen.writeNull();
                else if (v == CjsonModule.EMPTY_ARRAY) {
                    gen.writeStartArray();
                    gen.writeEndArray();
                } else throw new CjsonError("Cannot serialise " + v.typename() + ": type not supported");
            }
        }
    }

    private void writeNumber(double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            switch (config.encodeInvalidNumbers) {
                case ERROR -> throw new CjsonError("Cannot serialise number: must not be NaN or Inf");
                case NULL -> gen.writeNull();
                case ALLOW -> gen.writeRawValue(Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
            }
            return;
        }
        gen.writeRawValue(format(d));
    }

    private String format(double d) {
        if (config.numberPrecision == 14) return LuaNumberFormat.toLuaString(d);
        return LuaNumberFormat.formatFloat(d, 'g', 0, -1, config.numberPrecision);
    }

    private void writeTable(LuaTable t, int depth) throws IOException {
        if (depth > config.encodeMaxDepth) throw new CjsonError("Cannot serialise, excessive nesting (" + depth + ")");
        LuaValue mt = t.getmetatable();
        boolean asArray = mt != null && mt == markers.arrayMt();
        int length = asArray ? t.rawlen() : arrayLength(t);
        boolean emptyArray = length == 0 && (asArray || !config.emptyTableAsObject || (mt != null && mt == markers.emptyArrayMt()));
        if (length > 0 || emptyArray) {
            gen.writeStartArray();
            for (int i = 1; i <= length; i++) write(t.rawget(i), depth);
            gen.writeEndArray();
            return;
        }
        gen.writeStartObject();
        LuaValue k = LuaValue.NIL;
        for (;;) {
            Varargs next = t.next(k);
            if ((k = next.arg1()).isnil()) break;
            switch (k.type()) {
                case LuaValue.TSTRING -> gen.writeFieldName(latin1(k.checkstring()));
                case LuaValue.TNUMBER -> gen.writeFieldName(format(k.todouble()));
                default -> throw new CjsonError("Cannot serialise " + k.typename() + ": table key must be a number or string");
            }
            write(next.arg(2), depth);
        }
        gen.writeEndObject();
    }

    /**
     * The length of {@code t} as a JSON array, or -1 when it is written as an object: every key must
     * be a positive integer, and an array much sparser than the encode_sparse_array settings allow is
     * refused (or written as an object when conversion is on).
     */
    private int arrayLength(LuaTable t) {
        double max = 0;
        int items = 0;
        LuaValue k = LuaValue.NIL;
        for (;;) {
            Varargs next = t.next(k);
            if ((k = next.arg1()).isnil()) break;
            if (k.type() != LuaValue.TNUMBER) return -1;
            double d = k.todouble();
            if (d != Math.floor(d) || d < 1) return -1;
            if (d > max) max = d;
            items++;
        }
        if (config.sparseRatio > 0 && max > (double) items * config.sparseRatio && max > config.sparseSafe) {
            if (!config.sparseConvert) throw new CjsonError("Cannot serialise table: excessively sparse array");
            return -1;
        }
        return (int) max;
    }

    private static String latin1(LuaString s) {
        return new String(s.m_bytes, s.m_offset, s.m_length, StandardCharsets.ISO_8859_1);
    }

    /** lua-cjson's escapes: \" \\ \/ \b \f \n \r \t, and a six-character escape (backslash, u, four hex digits) for other control bytes and DEL. */
    private static final class CjsonEscapes extends CharacterEscapes {
        private final int[] codes = new int[128];
        private final SerializableString[] sequences = new SerializableString[128];

        CjsonEscapes(boolean slash) {
            for (int c = 0; c < 0x20; c++) escape(c, String.format("\\u%04x", c));
            escape(0x7f, "\\u007f");
            escape('\b', "\\b");
            escape('\f', "\\f");
            escape('\n', "\\n");
            escape('\r', "\\r");
            escape('\t', "\\t");
            escape('"', "\\\"");
            escape('\\', "\\\\");
            if (slash) escape('/', "\\/");
        }

        private void escape(int c, String sequence) {
            codes[c] = ESCAPE_CUSTOM;
            sequences[c] = new SerializedString(sequence);
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 128 ? sequences[ch] : null;
        }
    }
}
