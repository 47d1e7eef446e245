package org.luaj.vm2;

import java.util.function.BiConsumer;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * A table that fills itself when first listed (a service's library table copies the entries every
 * service shares, io/os/debug build the service's own functions): code that only looks, such as a
 * traceback naming functions ({@link LoadedNames}), reads what it holds without making it fill.
 */
public interface LazyTable {
    /** Calls {@code entry} with each key and value the table can show without filling itself. */
    void forEachAtHand(BiConsumer<LuaValue, LuaValue> entry);
}
