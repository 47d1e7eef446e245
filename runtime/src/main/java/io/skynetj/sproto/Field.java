package io.skynetj.sproto;

import org.luaj.vm2.LuaString;

/**
 * One field of a sproto type. {@code scale} is the decimal factor of an {@code integer(n)} field
 * (0 for a plain integer); {@code binary} marks a {@code binary} string; {@code mainIndex} is the tag of
 * the main index of a {@code *Type(key)} array (-1 if none); a map ({@code *Type()}) reads and writes
 * the first two fields of its entry type as key and value. {@code key} is the name as a Lua string.
 */
record Field(String name, LuaString key, int tag, FieldKind kind, boolean array, SprotoType struct, long scale, boolean binary, int mainIndex, boolean map) {
    static LuaString luaName(String name) {
        return LuaString.valueOf(name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    String typeName() {
        return switch (kind) {
            case INTEGER -> scale != 0 ? "decimal" : "integer";
            case BOOLEAN -> "boolean";
            case STRING -> binary ? "binary" : "string";
            case DOUBLE -> "double";
            case STRUCT -> struct.name();
        };
    }

    /** Map entries: the key field's and the value field's names. */
    LuaString mapKey() {
        return struct.fields()[0].key();
    }

    LuaString mapValue() {
        return struct.fields()[1].key();
    }
}
