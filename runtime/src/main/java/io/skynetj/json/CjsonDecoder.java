package io.skynetj.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * cjson.decode on Jackson's streaming parser. The structure is walked here (not by a Jackson tree)
 * so that nesting depth, what was expected where parsing stopped, and lua-cjson's error messages
 * ({@code Expected <what> but found <token> at character <n>}) are ours to produce.
 */
final class CjsonDecoder {
    private static final StreamReadConstraints UNLIMITED = StreamReadConstraints.builder()
        .maxNestingDepth(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE)
        .maxNumberLength(Integer.MAX_VALUE).maxDocumentLength(-1).build();
    /** lua-cjson takes raw control characters inside strings; with decode_invalid_numbers, NaN and Infinity. */
    private static final JsonFactory STRICT = factory(false);
    private static final JsonFactory LENIENT = factory(true);

    private final CjsonConfig config;
    private final CjsonModule.Markers markers;
    private JsonParser parser;
    /** What the parser was asked for when it stopped: "value", "comma or array end", ... */
    private String expected;

    CjsonDecoder(CjsonConfig config, CjsonModule.Markers markers) {
        this.config = config;
        this.markers = markers;
    }

    private static JsonFactory factory(boolean nonNumeric) {
        var b = JsonFactory.builder().streamReadConstraints(UNLIMITED)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
        // lua-cjson reads numbers with strtod when invalid numbers are allowed: leading zeros pass too
        if (nonNumeric) b.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS);
        return b.build();
    }

    LuaValue decode(LuaString json) {
        byte[] bytes = new byte[json.m_length];
        json.copyInto(0, bytes, 0, bytes.length);
        JsonFactory f = config.decodeInvalidNumbers ? LENIENT : STRICT;
        try (JsonParser p = f.createParser(bytes)) {
            parser = p;
            expected = "value";
            JsonToken t = p.nextToken();
            if (t == null) throw new CjsonError("Expected value but found T_END at character " + (bytes.length + 1));
            LuaValue v = value(t, 0);
            expected = "the end";
            JsonToken after = p.nextToken();
            if (after != null) throw found(after);
            return v;
        } catch (JsonParseException | StreamConstraintsException e) {
            throw lexical(e, bytes);
        } catch (IOException e) {
            throw new CjsonError(e.getMessage());
        } finally {
            parser = null;
        }
    }

    private LuaValue value(JsonToken t, int depth) throws IOException {
        if (t == null) throw found(null);
        return switch (t) {
            case START_OBJECT -> object(depth + 1);
            case START_ARRAY -> array(depth + 1);
            case VALUE_STRING -> string();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number();
            case VALUE_TRUE -> LuaValue.TRUE;
            case VALUE_FALSE -> LuaValue.FALSE;
            case VALUE_NULL -> CjsonModule.NULL;
            default -> throw found(t);
        };
    }

    private void enter(int depth) {
        if (depth > config.decodeMaxDepth)
            throw new CjsonError("Found too many nested data structures (" + depth + ") at character " + position());
    }

    private LuaTable array(int depth) throws IOException {
        enter(depth);
        LuaTable t = new LuaTable();
        if (config.decodeArrayWithArrayMt) t.setmetatable(markers.arrayMt());
        expected = "value";
        JsonToken tok = parser.nextToken();
        for (int i = 1; tok != JsonToken.END_ARRAY; i++) {
            t.rawset(i, value(tok, depth));
            expected = "comma or array end";
            tok = parser.nextToken();
            if (tok == JsonToken.END_ARRAY) break;
            // Jackson reads the comma itself: what follows it must be a value
            expected = "value";
            if (tok == null) throw found(null);
        }
        return t;
    }

    private LuaTable object(int depth) throws IOException {
        enter(depth);
        LuaTable t = new LuaTable();
        expected = "object key string";
        for (JsonToken tok = parser.nextToken(); tok != JsonToken.END_OBJECT; tok = parser.nextToken()) {
            if (tok != JsonToken.FIELD_NAME) throw found(tok);
            LuaString key = utf8(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            expected = "value";
            t.rawset(key, value(parser.nextToken(), depth));
            expected = "comma or object end";
        }
        return t;
    }

    /** The number as a double; "-0" stays negative zero, as strtod reads it. */
    private LuaValue number() throws IOException {
        double d = parser.getDoubleValue();
        if (d == 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-') d = -0.0;
        return LuaValue.valueOf(d);
    }

    private LuaString string() throws IOException {
        return utf8(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /** The UTF-8 bytes of decoded text; an unpaired surrogate (from a unicode escape) is an error, as in lua-cjson. */
    private LuaString utf8(char[] c, int off, int len) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(len + 8);
        for (int i = off, end = off + len; i < end; i++) {
            int cp = c[i];
            if (Character.isHighSurrogate(c[i]) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
                cp = Character.toCodePoint(c[i], c[++i]);
            } else if (Character.isSurrogate(c[i])) {
                throw new CjsonError("Expected " + expected + " but found invalid unicode escape code at character " + (position() + 1));
            }
            if (cp < 0x80) b.write(cp);
            else if (cp < 0x800) { b.write(0xC0 | cp >> 6); b.write(0x80 | cp & 0x3F); }
            else if (cp < 0x10000) { b.write(0xE0 | cp >> 12); b.write(0x80 | cp >> 6 & 0x3F); b.write(0x80 | cp & 0x3F); }
            else { b.write(0xF0 | cp >> 18); b.write(0x80 | cp >> 12 & 0x3F); b.write(0x80 | cp >> 6 & 0x3F); b.write(0x80 | cp & 0x3F); }
        }
        return LuaString.valueUsing(b.toByteArray());
    }

    /** 1-based byte position of the current token. */
    private long position() {
        return parser.currentTokenLocation().getByteOffset() + 1;
    }

    private CjsonError found(JsonToken t) {
        if (t == null) return new CjsonError("Expected " + expected + " but found T_END at character " + (parser.currentLocation().getByteOffset() + 1));
        return new CjsonError("Expected " + expected + " but found " + tokenName(t) + " at character " + position());
    }

    private static String tokenName(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "T_OBJ_BEGIN";
            case END_OBJECT -> "T_OBJ_END";
            case START_ARRAY -> "T_ARR_BEGIN";
            case END_ARRAY -> "T_ARR_END";
            case VALUE_STRING, FIELD_NAME -> "T_STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "T_NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "T_BOOLEAN";
            case VALUE_NULL -> "T_NULL";
            default -> "invalid token";
        };
    }

    /**
     * A Jackson error in lua-cjson's words: "Expected <what> but found <token> at character <n>". Jackson
     * reads separators inside nextToken, so what was expected comes from its message or, at the end of
     * the input, from the last separator before it.
     */
    private CjsonError lexical(IOException e, byte[] in) {
        String m = e instanceof JsonProcessingException pe ? pe.getOriginalMessage() : String.valueOf(e.getMessage());
        long at = e instanceof JsonProcessingException pe && pe.getLocation() != null ? Math.max(0, pe.getLocation().getByteOffset()) : 0;
        String what = expected;
        String found;
        long pos = at + 1;
        Matcher unexpected = UNEXPECTED_CHARACTER.matcher(m);
        if (unexpected.find()) {
            found = tokenAt(unexpected.group(1).charAt(0));
            what = m.contains("comma to separate Array") ? "comma or array end"
                : m.contains("comma to separate Object") ? "comma or object end"
                : m.contains("colon") ? "colon"
                : m.contains("field name") ? "object key string" : "value";
        } else if (m.startsWith("Unexpected end-of-input in VALUE_STRING") || m.contains("expecting closing quote")) {
            found = "unexpected end of string";
        } else if (m.startsWith("Unexpected end-of-input in") || m.contains("numeric value") || m.contains("Leading zero")) {
            found = "invalid number";
            pos = numberStart(in, (int) Math.min(at, in.length)) + 1;
        } else if (m.startsWith("Unexpected end-of-input")) {
            found = "T_END";
            pos = in.length + 1;
            what = afterSeparator(in, m.contains("Object") ? "object key string" : "value");
        } else if (m.startsWith("Unexpected close marker ']'")) {
            found = "T_ARR_END";
        } else if (m.startsWith("Unexpected close marker '}'")) {
            found = "T_OBJ_END";
        } else if (m.contains("character escape")) {
            found = "invalid escape code";
            pos = at;
        } else if (m.startsWith("Non-standard token '")) {
            found = "invalid token";
            pos = at - (m.indexOf('\'', 20) - 20) + 1;
        } else {
            found = "invalid token";
        }
        return new CjsonError("Expected " + what + " but found " + found + " at character " + Math.max(1, pos));
    }

    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile("^Unexpected character \\('(.)' \\(code");

    /** lua-cjson's token for a character that starts one; anything else is not a token. */
    private static String tokenAt(char c) {
        return switch (c) {
            case '{' -> "T_OBJ_BEGIN";
            case '}' -> "T_OBJ_END";
            case '[' -> "T_ARR_BEGIN";
            case ']' -> "T_ARR_END";
            case ',' -> "T_COMMA";
            case ':' -> "T_COLON";
            case '"' -> "T_STRING";
            case 't', 'f' -> "T_BOOLEAN";
            case 'n' -> "T_NULL";
            default -> c == '-' || Character.isDigit(c) ? "T_NUMBER" : "invalid token";
        };
    }

    /** At the end of the input: a value is expected after '[', ':' and an array's ','; a key after '{' and an object's ','. */
    private String afterSeparator(byte[] in, String afterComma) {
        int i = in.length - 1;
        while (i >= 0 && Character.isWhitespace(in[i])) i--;
        if (i < 0) return "value";
        return switch (in[i]) {
            case '[', ':' -> "value";
            case '{' -> "object key string";
            case ',' -> afterComma;
            default -> expected;
        };
    }

    /** 0-based start of the number-like run of characters ending before {@code end}. */
    private static int numberStart(byte[] in, int end) {
        int i = end;
        while (i > 0 && "0123456789+-.eE".indexOf(in[i - 1]) >= 0) i--;
        return i;
    }
}
