package io.skynetj.kernel;

/** A call to an address (or name) that no service holds. */
public final class InvalidAddress extends RuntimeException {
    InvalidAddress(int address) {
        super("call to invalid address " + Address.format(address), null, false, false);
    }
}
