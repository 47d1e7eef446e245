package io.skynetj.lua;

import org.luaj.vm2.CoroutineClose;

/**
 * Closes an execution's coroutine as skynet's {@code coroutine.close} does: skynet.exit closes every
 * suspended one and then the one that called it, skynet.killthread (and the console's killtask) the
 * one named. Thrown on the execution's thread, it unwinds its Lua calls, each closing its pending
 * to-be-closed variables with __close(v, nil) (see {@link CoroutineClose}); no pcall stops it.
 */
final class ExecutionClose extends CoroutineClose {
    private static final long serialVersionUID = 1L;

    /** Thrown by skynet.exit on the execution that called it: the service ends once it has unwound. */
    final boolean exiting;

    ExecutionClose(boolean exiting) {
        this.exiting = exiting;
    }
}
