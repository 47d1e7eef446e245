package io.skynetj.stm;

/** One shared value of skynet.stm: the latest bytes its writer published; readers see whole versions only. */
final class StmObject {
    /** A published version; readers compare versions by identity. */
    record Version(byte[] bytes) {}

    private volatile Version current;

    StmObject(byte[] bytes) {
        this.current = new Version(bytes);
    }

    void update(byte[] bytes) {
        current = new Version(bytes);
    }

    Version current() {
        return current;
    }
}
