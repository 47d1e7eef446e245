package io.skynetj.kernel;

/** A call to an address (or name) that no service holds. */
public final class InvalidAddress extends RuntimeException {
    public final int address;

    public InvalidAddress(int address) {
        super("call to invalid address " + Address.format(address), null, false, false);
        this.address = address;
    }
}
