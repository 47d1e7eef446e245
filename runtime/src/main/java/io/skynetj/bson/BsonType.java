package io.skynetj.bson;

/** BSON element type codes, and the Lua type names bson.type gives the special values. */
final class BsonType {
    static final int REAL = 1;
    static final int STRING = 2;
    static final int DOCUMENT = 3;
    static final int ARRAY = 4;
    static final int BINARY = 5;
    static final int OBJECTID = 7;
    static final int BOOLEAN = 8;
    static final int DATE = 9;
    static final int NULL = 10;
    static final int REGEX = 11;
    static final int DBPOINTER = 12;
    static final int JSCODE = 13;
    static final int SYMBOL = 14;
    static final int CODEWS = 15;
    static final int INT32 = 16;
    static final int TIMESTAMP = 17;
    static final int INT64 = 18;
    static final int MINKEY = 255;
    static final int MAXKEY = 127;

    private BsonType() {}
}
