package io.skynetj.lua;

import org.luaj.vm2.LuaValue;

/**
 * A Lua module written in Java: skynetj's counterpart of a C module on skynet's {@code cpath}.
 * Package implementations in a jar that lists them in
 * {@code META-INF/services/io.skynetj.lua.JavaModule}, and put the jar where the config key
 * {@code javapath} finds it (e.g. {@code javapath = "./jlib/?.jar"}); {@code require "name"} then
 * returns what {@link #open} builds. See docs/java-modules.md.
 */
public interface JavaModule {
    /** The name {@code require} uses, e.g. {@code "strtools"} or {@code "game.crypto"}. */
    String name();

    /**
     * The module's value for one service, called the first time that service requires it. Each
     * service must get its own tables (services share nothing mutable); functions may be shared
     * when they keep no per-service state. Runs on the requiring service's thread.
     */
    LuaValue open(LuaServiceBody service);
}
