package io.skynetj.cluster;

import io.skynetj.kernel.Execution;
import io.skynetj.kernel.InvalidAddress;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.Pack;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * skynet's clusterproxy ({@code cluster.proxy}): a local address standing for one remote service. A
 * "lua" or "snax" call to it is forwarded as a cluster request, a send as a push; the payload is
 * passed on untouched.
 */
final class ClusterProxy implements ServiceBody {
    private static final LuaValue REQ = LuaValue.valueOf("req");
    private static final LuaValue PUSH = LuaValue.valueOf("push");

    private final Service service;
    private final int clusterd;
    private final String nodeName;
    /** The remote address: a number when the name was numeric, as clusterproxy does. */
    private final LuaValue address;
    private int sender; // baton-owned; 0 until the first message

    ClusterProxy(Service service, int clusterd, String nodeName, String address) {
        this.service = service;
        this.clusterd = clusterd;
        this.nodeName = nodeName;
        LuaValue n = LuaValue.valueOf(address).tonumber();
        this.address = n.isnil() ? LuaValue.valueOf(address) : n;
    }

    @Override
    public boolean run(Execution e) {
        Message m = e.request;
        if (m == null) return true;
        if (m.type != Ptype.LUA && m.type != Ptype.SNAX) {
            if (m.session != 0) service.ret(Ptype.ERROR, utf8("cluster proxy forwards lua and snax messages only"));
            return true;
        }
        if (sender == 0 && !findSender(m)) return true;
        Varargs forward = LuaValue.varargsOf(m.session == 0 ? PUSH : REQ, address, LuaString.valueUsing(m.data));
        if (m.session == 0) {
            service.send(sender, Ptype.LUA, 0, Pack.pack(forward));
            return true;
        }
        try {
            Message reply = service.call(sender, Ptype.LUA, Pack.pack(forward));
            service.ret(reply.type == Ptype.ERROR ? Ptype.ERROR : Ptype.RESPONSE, reply.data);
        } catch (InvalidAddress gone) {
            sender = 0;
            service.ret(Ptype.ERROR, utf8("cluster sender of [" + nodeName + "] is gone"));
        }
        return true;
    }

    /** Asks clusterd for the node's sender; on failure answers the request with the reason. */
    private boolean findSender(Message m) {
        Message r = service.call(clusterd, Ptype.LUA, Pack.pack(LuaValue.varargsOf(LuaValue.valueOf("sender"), LuaValue.valueOf(nodeName))));
        if (r.type != Ptype.ERROR) {
            Varargs v = Pack.unpack(r.data);
            if (v.arg1().isnumber()) {
                sender = v.arg1().toint();
                return true;
            }
            r = new Message(0, 0, Ptype.ERROR, utf8(v.arg(2).tojstring()));
        }
        if (m.session != 0) service.ret(Ptype.ERROR, r.data);
        return false;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
