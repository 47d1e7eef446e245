package io.skynetj.bson;

import io.skynetj.lua.lib.LuaFn;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.mongo.driver"}: MongoDB's OP_MSG framing for skynet.db.mongo. A message is
 * a 16-byte header (length, request id, response to, opcode 2013), 4 bytes of flags, then one
 * section: a 0 byte and a BSON document.
 */
final class MongoDriverModule {
    private static final int OP_MSG = 2013;
    private static final int CHECKSUM_PRESENT = 1;
    private static final int MORE_TO_COME = 2;
    private static final int HEADER = 20;

    private MongoDriverModule() {}

    static LuaTable create() {
        LuaTable docMeta = BsonModule.documentMetatable();
        LuaTable m = new LuaTable();
        m.set("length", LuaFn.of("length", a -> {
            LuaString s = a.checkstring(1);
            if (s.m_length < 4) throw new LuaError("bad argument #1 to 'length' (4 bytes expected)");
            byte[] b = new byte[4];
            s.copyInto(0, b, 0, 4);
            return LuaValue.valueOf((int) BsonEncoder.getInt(b, 0) - 4);
        }));
        m.set("op_msg", LuaFn.of("op_msg", a -> {
            int id = a.checkint(1);
            int flags = a.checkint(2);
            if (!(a.arg(3).touserdata() instanceof BsonDocument cmd)) throw new LuaError("opmsg require cmd document");
            byte[] out = new byte[HEADER + 1 + cmd.bytes.length];
            BsonEncoder.putInt(out, 0, out.length);
            BsonEncoder.putInt(out, 4, id);
            BsonEncoder.putInt(out, 12, OP_MSG);
            BsonEncoder.putInt(out, 16, flags);
            System.arraycopy(cmd.bytes, 0, out, HEADER + 1, cmd.bytes.length);
            return LuaString.valueUsing(out);
        }));
        m.set("reply", LuaFn.of("reply", a -> reply(a.checkstring(1), docMeta)));
        return m;
    }

    /** A reply without its length field: true, the request it answers, and its document; false if too short. */
    private static Varargs reply(LuaString s, LuaTable docMeta) {
        byte[] b = new byte[s.m_length];
        s.copyInto(0, b, 0, b.length);
        int header = HEADER - 4;
        if (b.length < header) return LuaValue.FALSE;
        int opcode = (int) BsonEncoder.getInt(b, 8);
        if (opcode != OP_MSG) throw new LuaError("Unsupported opcode:" + opcode);
        int responseTo = (int) BsonEncoder.getInt(b, 4);
        int flags = (int) BsonEncoder.getInt(b, 12);
        if (flags != 0) {
            if ((flags & CHECKSUM_PRESENT) != 0) throw new LuaError("Unsupported OP_MSG flag checksumPresent");
            if ((flags ^ MORE_TO_COME) != 0) throw new LuaError("Unsupported OP_MSG flag:" + flags);
        }
        if (b.length < header + 5) throw new LuaError("Unsupported OP_MSG reply: no section");
        if (b[header] != 0) throw new LuaError("Unsupported OP_MSG payload type: " + (b[header] & 0xff));
        int docSize = (int) BsonEncoder.getInt(b, header + 1);
        if (b.length - header - 1 != docSize) throw new LuaError("Unsupported OP_MSG reply: >1 section");
        byte[] doc = java.util.Arrays.copyOfRange(b, header + 1, b.length);
        return LuaValue.varargsOf(LuaValue.TRUE, LuaValue.valueOf(responseTo), new org.luaj.vm2.LuaUserdata(new BsonDocument(doc), docMeta));
    }
}
