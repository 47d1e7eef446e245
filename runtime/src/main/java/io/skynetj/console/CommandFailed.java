package io.skynetj.console;

/** A console command that could not do its job; the message is shown before {@code <CMD Error>}. */
class CommandFailed extends RuntimeException {
    CommandFailed(String message) {
        super(message, null, false, false);
    }

    /** The service did not answer in time; it may still be working on the request. */
    static final class NoAnswer extends CommandFailed {
        NoAnswer(String message) {
            super(message);
        }
    }
}
