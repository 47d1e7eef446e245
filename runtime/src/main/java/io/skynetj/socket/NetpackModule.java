package io.skynetj.socket;

import io.skynetj.lua.lib.LuaFn;
import io.skynetj.lua.Payload;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.netpack"}: skynet's 2-byte big-endian packet framing (lualib-src/lua-netpack.c)
 * with the same functions and results. {@code filter(queue, msg, sz)} reads a socket message and
 * returns the queue (made on first use) and an event: "data", fd, packet, size | "more" | "open", fd,
 * addr | "close", fd | "error", fd, text | "warning", fd, size | "init", id, addr, port.
 */
final class NetpackModule {
    /** A packet's size is 2 bytes: 65535 bytes at most. */
    static final int MAX_PACKET = 0xffff;

    private NetpackModule() {}

    static LuaTable create() {
        LuaTable m = new LuaTable();
        m.set("filter", LuaFn.of("filter", NetpackModule::filter));
        m.set("pop", LuaFn.of("pop", a -> {
            NetpackQueue q = queueOrNull(a.arg1());
            NetpackQueue.Packet p = q == null ? null : q.pop();
            if (p == null) return LuaValue.NONE;
            return LuaValue.varargsOf(LuaValue.valueOf(p.fd()), Payload.wrap(p.data()), LuaValue.valueOf(p.data().length));
        }));
        m.set("pack", LuaFn.of("pack", a -> {
            byte[] data = a.arg1().isuserdata() ? Payload.bytes(LuaValue.varargsOf(a.arg1(), LuaValue.valueOf(a.checkint(2))), 1)
                : Payload.stringBytes(a.checkstring(1));
            if (data.length > MAX_PACKET) throw new LuaError("Invalid size (too long) of data : " + data.length);
            byte[] framed = new byte[data.length + 2];
            framed[0] = (byte) (data.length >>> 8);
            framed[1] = (byte) data.length;
            System.arraycopy(data, 0, framed, 2, data.length);
            return LuaValue.varargsOf(Payload.wrap(framed), LuaValue.valueOf(framed.length));
        }));
        m.set("tostring", LuaFn.of("tostring", a -> {
            if (!a.arg1().isuserdata()) {
                a.checkint(2);
                return LuaValue.EMPTYSTRING;
            }
            return Payload.string(Payload.bytes(a, 1));
        }));
        m.set("clear", LuaFn.of("clear", a -> {
            NetpackQueue q = queueOrNull(a.arg1());
            if (q != null) q.clear();
            return LuaValue.NONE;
        }));
        return m;
    }

    private static NetpackQueue queueOrNull(LuaValue v) {
        return v.isuserdata() && v.touserdata() instanceof NetpackQueue q ? q : null;
    }

    private static Varargs filter(Varargs a) {
        LuaValue queueValue = a.arg1();
        NetpackQueue q = queueOrNull(queueValue);
        if (q == null) {
            q = new NetpackQueue();
            queueValue = new LuaUserdata(q);
        }
        byte[] m = Payload.bytes(a, 2);
        int type = SocketDriverModule.messageType(m);
        int id = SocketMessage.id(m);
        int ud = SocketMessage.ud(m);
        LuaValue fd = LuaValue.valueOf(id);
        LuaValue text = Payload.string(java.util.Arrays.copyOfRange(m, SocketMessage.dataOffset(), m.length));
        switch (type) {
            case SocketMessage.DATA -> {
                int before = q.readyCount();
                NetpackQueue.Packet p = q.filter(id, java.util.Arrays.copyOfRange(m, SocketMessage.dataOffset(), m.length));
                if (p != null)
                    return LuaValue.varargsOf(new LuaValue[] {queueValue, LuaValue.valueOf("data"), fd, Payload.wrap(p.data()),
                        LuaValue.valueOf(p.data().length)});
                if (q.readyCount() > before) return LuaValue.varargsOf(queueValue, LuaValue.valueOf("more"));
                return queueValue;
            }
            case SocketMessage.CONNECT -> {
                return LuaValue.varargsOf(new LuaValue[] {queueValue, LuaValue.valueOf("init"), fd, text, LuaValue.valueOf(ud)});
            }
            case SocketMessage.CLOSE -> {
                q.closed(id);
                return LuaValue.varargsOf(queueValue, LuaValue.valueOf("close"), fd);
            }
            case SocketMessage.ACCEPT -> {
                return LuaValue.varargsOf(new LuaValue[] {queueValue, LuaValue.valueOf("open"), LuaValue.valueOf(ud), text});
            }
            case SocketMessage.ERROR -> {
                q.closed(id);
                return LuaValue.varargsOf(new LuaValue[] {queueValue, LuaValue.valueOf("error"), fd, text});
            }
            case SocketMessage.WARNING -> {
                return LuaValue.varargsOf(new LuaValue[] {queueValue, LuaValue.valueOf("warning"), fd, LuaValue.valueOf(ud)});
            }
            default -> {
                return queueValue;
            }
        }
    }
}
