package io.skynetj.sproto;

/** Bytes that are not a well-formed sproto message or schema. */
final class MalformedException extends RuntimeException {
    MalformedException(String what) {
        super(what, null, false, false);
    }
}
