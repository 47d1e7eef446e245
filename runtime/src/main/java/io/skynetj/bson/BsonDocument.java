package io.skynetj.bson;

import java.util.Map;

/**
 * An encoded BSON document as Lua holds it (skynet: a "bson" userdata): its bytes, and after
 * makeindex the position and type of each top-level fixed-size field, so that a field may be
 * overwritten in place.
 */
final class BsonDocument {
    final byte[] bytes;
    /** key -> type | offset << 5 (skynet's packing); null until makeindex */
    Map<String, Integer> index;

    BsonDocument(byte[] bytes) {
        this.bytes = bytes;
    }
}
