package io.skynetj.json;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.LuaServiceBody;
import io.skynetj.lua.NodeExtension;
import java.util.Map;
import java.util.WeakHashMap;

/** Gives every service {@code require "cjson"} and {@code require "cjson.safe"} (lua-cjson, on Jackson). */
public final class JsonExtension implements NodeExtension {
    /** Each service's array_mt / empty_array_mt, so that cjson and cjson.safe in one service agree on them. */
    private final Map<LuaServiceBody, CjsonModule.Markers> markers = new WeakHashMap<>();

    @Override
    public void install(LuaNode node) {
        node.runtime().provideModule("cjson", body -> CjsonModule.create(markersOf(body), false));
        node.runtime().provideModule("cjson.safe", body -> CjsonModule.create(markersOf(body), true));
    }

    private synchronized CjsonModule.Markers markersOf(LuaServiceBody body) {
        return markers.computeIfAbsent(body, b -> CjsonModule.Markers.create());
    }
}
