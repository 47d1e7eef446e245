package io.skynetj.sproto;

/** A protocol of a schema; {@code confirm} is {@code response nil}: a reply without content. */
record Protocol(String name, int tag, SprotoType request, SprotoType response, boolean confirm) {
    boolean hasResponse() {
        return response != null || confirm;
    }
}
