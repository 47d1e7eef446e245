package io.skynetj.kernel;

/**
 * Unwinds a handler of a service that has exited or been killed. It is an {@link Error} on purpose:
 * LuaJ's {@code pcall} catches {@code Exception} and {@code LuaError}, so Lua code cannot swallow it.
 */
public final class ServiceExit extends Error {
    public ServiceExit() {
        super("service exited", null, false, false);
    }
}
