package io.skynetj.bson;

import io.skynetj.lua.LuaNode;
import io.skynetj.lua.NodeExtension;

/** Gives every service {@code require "bson"} and {@code require "skynet.mongo.driver"} (for skynet.db.mongo). */
public final class BsonExtension implements NodeExtension {
    @Override
    public void install(LuaNode node) {
        ObjectIds ids = new ObjectIds();
        node.runtime().provideModule("bson", body -> BsonModule.create(ids));
        node.runtime().provideModule("skynet.mongo.driver", body -> MongoDriverModule.create());
    }
}
