package io.skynetj.json;

/** The settings of one cjson instance ({@code require "cjson"}, or each {@code cjson.new()}), lua-cjson's defaults. */
final class CjsonConfig {
    /** What encode does with NaN and infinities: raise, write them as Lua prints them, or write null. */
    enum InvalidNumbers { ERROR, ALLOW, NULL }

    boolean sparseConvert = false;
    int sparseRatio = 2;
    int sparseSafe = 10;
    int encodeMaxDepth = 1000;
    int decodeMaxDepth = 1000;
    int numberPrecision = 14;
    boolean keepBuffer = true;
    InvalidNumbers encodeInvalidNumbers = InvalidNumbers.ERROR;
    boolean decodeInvalidNumbers = true;
    boolean emptyTableAsObject = true;
    boolean escapeForwardSlash = true;
    boolean decodeArrayWithArrayMt = false;
}
