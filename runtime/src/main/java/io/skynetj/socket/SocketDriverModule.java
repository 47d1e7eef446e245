package io.skynetj.socket;

import io.skynetj.lua.lib.LuaFn;
import io.skynetj.lua.Payload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.socketdriver"}: skynet's C module of that name (lualib-src/lua-socket.c) —
 * the same functions, arguments and results — over the node's {@link SocketServer}. A received
 * block is a userdata holding its bytes, where skynet has a C pointer.
 */
final class SocketDriverModule {
    private static final int DEFAULT_BACKLOG = 32;

    private final SocketServer server;
    private final int self;
    private final LuaTable table = new LuaTable();

    private SocketDriverModule(SocketServer server, int self) {
        this.server = server;
        this.self = self;
        buffers();
        sockets();
        udp();
    }

    static LuaTable create(SocketServer server, int self) {
        return new SocketDriverModule(server, self).table;
    }

    private void def(String name, LuaFn.Body body) {
        table.set(name, LuaFn.of(name, body));
    }

    // ---------------------------------------------------------------- read buffers and messages

    private void buffers() {
        def("buffer", a -> new LuaUserdata(new ReadBuffer()));
        // push(buffer, pool, data, size) -> buffered size
        def("push", a -> {
            ReadBuffer b = buffer(a, "need buffer object at param 1");
            if (!a.arg(3).isuserdata()) throw new LuaError("need message block at param 3");
            a.checktable(2);
            return LuaValue.valueOf(b.push(Payload.bytes(a, 3)));
        });
        // pop(buffer, pool, size) -> string or nil, buffered size
        def("pop", a -> {
            ReadBuffer b = buffer(a, "Need buffer object at param 1");
            a.checktable(2);
            byte[] got = b.pop(a.checkint(3));
            return LuaValue.varargsOf(got == null ? LuaValue.NIL : Payload.string(got), LuaValue.valueOf(b.size()));
        });
        def("readall", a -> {
            ReadBuffer b = buffer(a, "Need buffer object at param 1");
            a.checktable(2);
            return Payload.string(b.readAll());
        });
        def("clear", a -> {
            if (a.isnil(1)) return LuaValue.NONE;
            ReadBuffer b = buffer(a, "Need buffer object at param 1");
            a.checktable(2);
            b.clear();
            return LuaValue.NONE;
        });
        // readline(buffer, pool, sep): the line without sep; with no pool table only tells if a line is there
        def("readline", a -> {
            ReadBuffer b = buffer(a, "Need buffer object at param 1");
            boolean checkOnly = !a.istable(2);
            byte[] sep = Payload.stringBytes(a.checkstring(3));
            int at = b.find(sep);
            if (at < 0) return LuaValue.NONE;
            return checkOnly ? LuaValue.TRUE : Payload.string(b.takeLine(at, sep.length));
        });
        def("drop", a -> {
            a.checkint(2);
            return LuaValue.NONE;
        });
        def("str2p", a -> {
            byte[] b = Payload.stringBytes(a.checkstring(1));
            return LuaValue.varargsOf(Payload.wrap(b), LuaValue.valueOf(b.length));
        });
        // header(s): a 1-4 byte big-endian length
        def("header", a -> {
            LuaString s = a.checkstring(1);
            if (s.length() < 1 || s.length() > 4) throw new LuaError("Invalid read " + s.tojstring());
            long size = 0;
            for (int i = 0; i < s.length(); i++) size = size << 8 | s.luaByte(i);
            return LuaValue.valueOf(size);
        });
        def("unpack", a -> unpack(Payload.bytes(a, 1)));
        def("info", a -> info());
    }

    private static ReadBuffer buffer(Varargs a, String error) {
        if (a.arg1().isuserdata() && a.arg1().touserdata() instanceof ReadBuffer b) return b;
        throw new LuaError(error);
    }

    /** type, id, ud, then the data (a block for DATA and UDP, a string for texts) and for UDP the sender's address. */
    static Varargs unpack(byte[] m) {
        int type = messageType(m);
        LuaValue t = LuaValue.valueOf(type);
        LuaValue id = LuaValue.valueOf(SocketMessage.id(m));
        int udValue = SocketMessage.ud(m);
        LuaValue ud = LuaValue.valueOf(udValue);
        int from = SocketMessage.dataOffset();
        switch (type) {
            case SocketMessage.DATA -> {
                return LuaValue.varargsOf(new LuaValue[] {t, id, ud, Payload.wrap(Arrays.copyOfRange(m, from, m.length))});
            }
            case SocketMessage.UDP -> {
                int n = Math.min(udValue, m.length - from);
                byte[] data = Arrays.copyOfRange(m, from, from + n);
                LuaString address = LuaString.valueOf(Arrays.copyOfRange(m, from + n, m.length));
                return LuaValue.varargsOf(new LuaValue[] {t, id, ud, Payload.wrap(data), address});
            }
            default -> {
                LuaValue data = SocketMessage.hasText(type) ? LuaString.valueOf(Arrays.copyOfRange(m, from, m.length)) : LuaValue.NIL;
                return LuaValue.varargsOf(new LuaValue[] {t, id, ud, data});
            }
        }
    }

    /** The kind of a socket message; a Lua error for bytes that are not one. */
    static int messageType(byte[] m) {
        try {
            return SocketMessage.type(m);
        } catch (IllegalArgumentException e) {
            throw new LuaError(e.getMessage());
        }
    }

    private LuaTable info() {
        LuaTable list = new LuaTable();
        int n = 0;
        for (SocketInfo si : server.info()) {
            boolean listen = si.kind().equals("LISTEN");
            if (!listen && !si.kind().equals("TCP") && !si.kind().equals("UDP") && !si.kind().equals("CLOSING")) continue;
            LuaTable t = new LuaTable();
            t.set("id", si.id());
            t.set("address", si.owner());
            t.set("type", si.kind());
            if (listen) {
                t.set("accept", LuaValue.valueOf(si.accepted()));
                t.set("rtime", LuaValue.valueOf(si.readTime()));
                if (!si.address().isEmpty()) t.set("sock", si.address());
            } else {
                t.set("read", LuaValue.valueOf(si.bytesIn()));
                t.set("write", LuaValue.valueOf(si.bytesOut()));
                t.set("wbuffer", LuaValue.valueOf(si.buffered()));
                t.set("rtime", LuaValue.valueOf(si.readTime()));
                t.set("wtime", LuaValue.valueOf(si.writeTime()));
                t.set("reading", LuaValue.valueOf(si.reading()));
                t.set("writing", LuaValue.valueOf(si.writing()));
                if (!si.address().isEmpty()) t.set("peer", si.address());
            }
            list.set(++n, t);
        }
        return list;
    }

    // ---------------------------------------------------------------- TCP

    private void sockets() {
        def("connect", a -> {
            HostPort hp = HostPort.of(a, 1);
            if (hp.port() == 0) throw new LuaError("Invalid port");
            return socketId("connect error", () -> server.connect(self, hp.host(), hp.port()));
        });
        def("listen", a -> {
            HostPort hp = HostPort.of(a, 1);
            int backlog = a.optint(3, DEFAULT_BACKLOG);
            return socketId("Listen error", () -> server.listen(self, hp.host(), hp.port(), backlog));
        });
        def("close", a -> {
            server.close(a.checkint(1), false);
            return LuaValue.NONE;
        });
        def("shutdown", a -> {
            server.close(a.checkint(1), true);
            return LuaValue.NONE;
        });
        def("send", a -> LuaValue.valueOf(server.send(a.checkint(1), sendBytes(a, 2), false)));
        def("lsend", a -> LuaValue.valueOf(server.send(a.checkint(1), sendBytes(a, 2), true)));
        def("start", a -> {
            server.start(self, a.checkint(1));
            return LuaValue.NONE;
        });
        def("pause", a -> {
            server.pause(a.checkint(1));
            return LuaValue.NONE;
        });
        def("nodelay", a -> {
            server.nodelay(a.checkint(1));
            return LuaValue.NONE;
        });
        def("bind", a -> {
            throw new LuaError("socketdriver.bind (an OS file descriptor) is not supported by skynetj");
        });
        def("resolve", a -> {
            String host = a.checkjstring(1);
            try {
                LuaTable t = new LuaTable();
                int i = 0;
                for (InetAddress ip : InetAddress.getAllByName(host)) t.set(++i, IpText.of(ip));
                return t;
            } catch (UnknownHostException e) {
                throw new LuaError("Name or service not known: " + host);
            }
        });
    }

    /** Something that opens (or sets up) a socket and returns its id. */
    private interface Opening {
        int open() throws IOException;
    }

    /** The id {@code opening} returns; its failure becomes a Lua error "failure: why". */
    private static LuaValue socketId(String failure, Opening opening) {
        try {
            return LuaValue.valueOf(opening.open());
        } catch (IOException e) {
            throw new LuaError(failure + ": " + SocketServer.message(e));
        } catch (IllegalArgumentException e) {
            throw new LuaError(failure + ": " + e.getMessage());
        }
    }

    /** skynet's get_buffer: a string, a block (with an optional size) or a table of strings joined. */
    static byte[] sendBytes(Varargs a, int index) {
        LuaValue v = a.arg(index);
        if (v.istable()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LuaTable t = v.checktable();
            for (int i = 1; ; i++) {
                LuaValue part = t.get(i);
                if (part.isnil()) break;
                if (!part.isstring()) throw new LuaError("Invalid strings table");
                LuaString s = part.checkstring();
                out.write(s.m_bytes, s.m_offset, s.m_length);
            }
            return out.toByteArray();
        }
        if (v.isuserdata()) return Payload.bytes(a, index);
        return Payload.stringBytes(a.checkstring(index));
    }

    // ---------------------------------------------------------------- UDP

    private void udp() {
        def("udp", a -> {
            HostPort hp = a.isstring(1) ? HostPort.of(a, 1) : new HostPort(null, 0);
            return socketId("udp init failed", () -> server.udp(self, hp.host(), hp.port()));
        });
        def("udp_listen", a -> {
            HostPort hp = HostPort.of(a, 1);
            return socketId("udp listen host failed", () -> server.udp(self, hp.host(), hp.port()));
        });
        def("udp_dial", a -> {
            HostPort hp = HostPort.of(a, 1);
            return socketId("udp dial host failed", () -> server.udpDial(self, hp.host(), hp.port()));
        });
        def("udp_connect", a -> {
            int id = a.checkint(1);
            HostPort hp = HostPort.of(a, 2);
            socketId("udp connect failed", () -> {
                server.udpConnect(id, hp.host(), hp.port());
                return id;
            });
            return LuaValue.NONE;
        });
        def("udp_send", a -> {
            int id = a.checkint(1);
            byte[] address = Payload.stringBytes(a.checkstring(2));
            return LuaValue.valueOf(server.udpSend(id, address, sendBytes(a, 3)));
        });
        def("udp_address", a -> {
            java.net.InetSocketAddress addr = UdpAddress.decode(Payload.stringBytes(a.checkstring(1)));
            if (addr == null) throw new LuaError("Invalid udp address");
            return LuaValue.varargsOf(LuaValue.valueOf(IpText.of(addr.getAddress())), LuaValue.valueOf(addr.getPort()));
        });
    }

    /** skynet's address_port: (host, port), or one "host:port" / "[v6]:port" string when port is absent. */
    record HostPort(String host, int port) {
        static HostPort of(Varargs a, int index) {
            String addr = a.checkjstring(index);
            if (!a.isnil(index + 1)) return new HostPort(addr, a.optint(index + 1, 0));
            String host;
            String portText;
            if (addr.indexOf('[') >= 0) {
                int open = addr.indexOf('[');
                int close = addr.indexOf(']');
                if (close < 0) throw new LuaError("Invalid address " + addr + ".");
                host = addr.substring(open + 1, close);
                int colon = addr.indexOf(':', close + 1);
                if (colon < 0) throw new LuaError("Invalid address " + addr + ".");
                portText = addr.substring(colon + 1);
            } else {
                int colon = addr.indexOf(':');
                if (colon < 0) throw new LuaError("Invalid address " + addr + ".");
                host = addr.substring(0, colon);
                portText = addr.substring(colon + 1);
            }
            try {
                int port = Integer.parseInt(portText);
                if (port < 0 || port > 65535 || !portText.chars().allMatch(Character::isDigit)) throw new NumberFormatException();
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw new LuaError("Invalid port in address " + addr + ".");
            }
        }
    }
}
