package io.skynetj.lua;

/**
 * A part of the runtime built on top of the Lua layer (e.g. upgrades) that plugs into every node at
 * boot. Found with {@link java.util.ServiceLoader} (META-INF/services), so the Lua layer does not
 * depend on its extensions.
 */
public interface NodeExtension {
    /** Called once per node, after the Lua runtime exists and before the bootstrap service starts. */
    void install(LuaNode node);
}
