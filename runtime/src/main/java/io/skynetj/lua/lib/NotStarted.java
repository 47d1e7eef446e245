package io.skynetj.lua.lib;

import org.luaj.vm2.Varargs;

/**
 * A coroutine object whose body the kernel holds, not started yet (a queued skynet.fork or a
 * skynet.timeout callback): skynet's coroutine of one holds its function and arguments on its stack,
 * where code walking every reachable value (sharetable.update, through stackvalues) finds them.
 */
public interface NotStarted {
    /** Its function and a table of the arguments it will be called with, or none once it started. */
    Varargs body();
}
