package io.skynetj.multicast;

import io.skynetj.lua.Pointer;
import io.skynetj.lua.Payload;
import io.skynetj.lua.lib.LuaFn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.multicast.core"} with skynet's functions and results. A published message is
 * a package (its bytes and a reference count) that multicastd hands to every subscriber by address:
 * {@code pack} gives a pointer to the package's address (what multicastd copies into the message each
 * subscriber gets), {@code bind} sets the count to the number of subscribers, {@code unpack} turns
 * that message back into the package and its bytes, and each subscriber's {@code close} drops one
 * reference; the last frees the package.
 */
final class MulticastCore {
    private static final int POINTER_SIZE = 8;

    private MulticastCore() {}

    private static final class Package {
        final byte[] data;
        final AtomicInteger reference = new AtomicInteger();

        Package(byte[] data) {
            this.data = data;
        }
    }

    static LuaTable create() {
        LuaTable m = new LuaTable();
        m.set("pack", LuaFn.of("pack", a -> pack(a, false)));
        m.set("packremote", LuaFn.of("packremote", a -> pack(a, true)));
        m.set("unpack", LuaFn.of("unpack", MulticastCore::unpack));
        m.set("bind", LuaFn.of("bind", a -> {
            LuaValue holder = a.arg1();
            LuaValue pack = packageAt(holder);
            int ref = a.checkint(2);
            Package p = Pointer.deref(pack, Package.class, "multicast package");
            if (!p.reference.compareAndSet(0, ref)) throw new LuaError("Can't bind a multicast package more than once");
            Pointer.free(holder);
            return pack;
        }));
        m.set("close", LuaFn.of("close", a -> {
            Package p = Pointer.deref(a.arg1(), Package.class, "multicast package");
            int ref = p.reference.decrementAndGet();
            if (ref <= 0) {
                Pointer.free(a.arg1());
                if (ref < 0) throw new LuaError("Invalid multicast package reference " + ref);
            }
            return LuaValue.NONE;
        }));
        m.set("remote", LuaFn.of("remote", a -> {
            LuaValue holder = a.arg1();
            LuaValue pack = packageAt(holder);
            Package p = Pointer.deref(pack, Package.class, "multicast package");
            Pointer.free(pack);
            Pointer.free(holder);
            return LuaValue.varargsOf(Payload.wrap(p.data), LuaValue.valueOf(p.data.length));
        }));
        m.set("nextid", LuaFn.of("nextid", a -> LuaValue.valueOf((a.checklong(1) + 256) & 0x7fffffffL)));
        return m;
    }

    /** pack(msg, sz) -> a pointer to the new package's address, and the size of that address. */
    private static Varargs pack(Varargs a, boolean copy) {
        long size = a.checklong(2);
        if (size != (size & 0xffffffffL)) throw new LuaError("Size should be 32bit integer");
        byte[] data = Payload.bytes(a, 1);
        Package p = new Package(copy ? data.clone() : data);
        long address = Pointer.address(Pointer.allocate(p));
        byte[] holder = ByteBuffer.allocate(POINTER_SIZE).order(ByteOrder.LITTLE_ENDIAN).putLong(address).array();
        return LuaValue.varargsOf(Pointer.allocate(holder), LuaValue.valueOf(POINTER_SIZE));
    }

    /** unpack(msg, sz), msg holding a package's address -> the package, its bytes and their size. */
    private static Varargs unpack(Varargs a) {
        int sz = a.checkint(2);
        if (sz != POINTER_SIZE) throw new LuaError("Invalid multicast package size " + sz);
        LuaValue pack = packageAt(a.arg1());
        Package p = Pointer.deref(pack, Package.class, "multicast package");
        return LuaValue.varargsOf(pack, Payload.wrap(p.data), LuaValue.valueOf(p.data.length));
    }

    /** The package pointer written in the 8 bytes at {@code msg} (a pointer to them, or a message holding them). */
    private static LuaValue packageAt(LuaValue msg) {
        byte[] b = Payload.bytes(LuaValue.varargsOf(msg, LuaValue.valueOf(POINTER_SIZE)), 1);
        return Pointer.value(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }
}
