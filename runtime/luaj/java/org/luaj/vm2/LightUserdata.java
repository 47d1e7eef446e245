package org.luaj.vm2;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * A light userdata, as debug.upvalueid returns in Lua 5.4: a bare identity (equal to another one for
 * the same object), type "userdata", no metatable of its own, "light userdata" in error messages,
 * not accepted where a full userdata is needed (debug.setuservalue).
 */
public final class LightUserdata extends LuaUserdata {
    public LightUserdata(Object identity) {
        super(identity);
    }
}
