package io.skynetj.observer;

/**
 * A small JSON writer for the observer's API: objects and arrays written in order, commas and string
 * escapes handled. The caller opens and closes what it starts.
 */
final class Json {
    private final StringBuilder out = new StringBuilder();
    /** True right after an opening bracket or a key: the next value needs no comma. */
    private boolean first = true;

    Json beginObject() {
        value();
        out.append('{');
        first = true;
        return this;
    }

    Json endObject() {
        out.append('}');
        first = false;
        return this;
    }

    Json beginArray() {
        value();
        out.append('[');
        first = true;
        return this;
    }

    Json endArray() {
        out.append(']');
        first = false;
        return this;
    }

    Json key(String name) {
        value();
        string(name);
        out.append(':');
        first = true;
        return this;
    }

    Json field(String name, String v) {
        return key(name).value(v);
    }

    Json field(String name, long v) {
        return key(name).value(v);
    }

    Json field(String name, double v) {
        return key(name).value(v);
    }

    Json field(String name, boolean v) {
        key(name).value();
        out.append(v);
        return this;
    }

    Json value(String v) {
        value();
        if (v == null) out.append("null");
        else string(v);
        return this;
    }

    Json value(long v) {
        value();
        out.append(v);
        return this;
    }

    Json value(double v) {
        value();
        out.append(Double.isFinite(v) ? Double.toString(v) : "null"); // e.g. 1.0E-5: valid JSON
        return this;
    }

    /** Before any value: the comma separating it from the previous one. */
    private void value() {
        if (!first) out.append(',');
        first = false;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
