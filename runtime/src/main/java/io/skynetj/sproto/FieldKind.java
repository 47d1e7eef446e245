package io.skynetj.sproto;

/** The built-in kinds of a sproto field, numbered as the schema binary numbers them. */
enum FieldKind {
    INTEGER, BOOLEAN, STRING, DOUBLE, STRUCT;

    static FieldKind builtin(int code) {
        return code >= 0 && code < STRUCT.ordinal() ? values()[code] : null;
    }
}
