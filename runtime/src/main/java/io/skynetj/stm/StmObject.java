package io.skynetj.stm;

/**
 * One shared value of skynet.stm: the latest bytes its writer published; readers see whole versions
 * only. Once released (its writer collected, or the writer's service gone) there is no version:
 * readers read false, as skynet's do once the writer is freed.
 */
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

    void release() {
        current = null;
    }

    /** The newest version, or null once released. */
    Version current() {
        return current;
    }
}
