package io.skynetj.json;

import org.luaj.vm2.LuaError;

/** An encode or decode failure, with lua-cjson's message; {@code cjson.safe} returns it instead of raising. */
final class CjsonError extends LuaError {
    CjsonError(String message) {
        super(message, 1);
    }
}
