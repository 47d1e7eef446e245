package io.skynetj.kernel;

/** Formatting and parsing of service addresses ({@code :0000000a}). */
public final class Address {
    private Address() {}

    public static String format(int handle) {
        return String.format(":%08x", handle);
    }

    /**
     * Parses {@code :0000000a} (skynet's form); returns 0 when the text is not of that form.
     */
    public static int parseColonHex(String text) {
        if (text.length() < 2 || text.charAt(0) != ':') return 0;
        try {
            long v = Long.parseLong(text.substring(1), 16);
            return v > 0 && v <= 0xffffffffL ? (int) v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
