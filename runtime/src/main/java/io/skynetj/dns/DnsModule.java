package io.skynetj.dns;

import io.skynetj.lua.lib.LuaFn;
import io.skynetj.lua.LuaServiceBody;
import io.skynetj.lua.Pack;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code require "skynet.dns.core"}: one DNS query over UDP, what lua/skynet/dns.lua (hosts file,
 * cache, resolv.conf) needs from Java. The query runs on its own virtual thread; only the coroutine
 * that asked waits, the service goes on handling other messages.
 */
final class DnsModule {
    private static final SecureRandom IDS = new SecureRandom();

    private DnsModule() {}

    static LuaTable create(LuaServiceBody body) {
        LuaTable m = new LuaTable();
        // query(server, port, name, ipv6, timeout_ms) -> ttl, address... (no address: no answer)
        m.set("query", LuaFn.of("query", a -> {
            String server = a.checkjstring(1), name = a.checkjstring(3);
            int port = a.checkint(2), timeout = a.checkint(5);
            int type = a.toboolean(4) ? DnsMessage.AAAA : DnsMessage.A;
            if (port <= 0 || port > 65535) throw new LuaError("bad dns server port " + port);
            return body.await(CompletableFuture.supplyAsync(() -> query(server, port, name, type, timeout),
                Thread.ofVirtual().name("dns-query")::start));
        }));
        return m;
    }

    private static byte[] query(String server, int port, String name, int type, int timeoutMs) {
        int id = IDS.nextInt(0x10000);
        byte[] question = DnsMessage.question(id, name, type);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(server, port));
            socket.send(new DatagramPacket(question, question.length));
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            byte[] buf = new byte[2048];
            for (;;) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) throw new IllegalStateException("timeout or no answer");
                socket.setSoTimeout((int) left);
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                if (DnsMessage.id(buf, p.getLength()) != id) continue; // a late reply to someone else
                DnsMessage.Answer answer = DnsMessage.answer(buf, p.getLength(), type);
                LuaValue[] values = new LuaValue[answer.addresses().size() + 1];
                values[0] = LuaValue.valueOf(answer.ttl());
                for (int i = 1; i < values.length; i++) values[i] = LuaValue.valueOf(answer.addresses().get(i - 1));
                return Pack.pack(LuaValue.varargsOf(values));
            }
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("timeout or no answer");
        } catch (IOException e) {
            throw new IllegalStateException("dns query to " + server + ":" + port + " failed: " + e.getMessage());
        }
    }
}
