package io.skynetj.lua;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Service;
import io.skynetj.lua.lib.StateFinalizers;
import org.luaj.vm2.LuaThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's finalizers (Lua 5.4's {@code __gc}, see {@link StateFinalizers}). Their errors go to the
 * service's log and the service goes on. When finalizers become due the service is posted a wake-up,
 * so that an idle service runs them too (a busy one runs them at its next safe point first). When the
 * service ends (skynet.exit, a kill, a failed start) the {@code __gc} of every object still marked runs,
 * as skynet's {@code lua_close} does on exit and kill alike; {@code skynet.send} still works then, so
 * skynet's sharetable.lua and datasheet tell their services to let go of what the service read.
 */
final class ServiceFinalizers {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceFinalizers.class);

    private ServiceFinalizers() {}

    static void attach(LuaServiceBody body) {
        StateFinalizers f = StateFinalizers.of(body.globals);
        Service s = body.service;
        f.reportTo(text -> s.node.log(s.handle, text));
        f.wakeWith(() -> s.post(service -> {
            f.runDue();
            return null;
        }));
    }

    /**
     * The service is gone (its baton held for good). On its own thread (skynet.exit, or a kill its
     * running code met at a safe point) the finalizers run there; a service killed from outside while
     * idle or blocked has them run on a thread of their own, never on the killer's. Its other suspended
     * executions unwind without running Lua code, so nothing runs beside them.
     */
    static void atExit(LuaServiceBody body) {
        StateFinalizers f = StateFinalizers.of(body.globals);
        if (!f.anyMarked()) return;
        body.safePoints.closing(); // safe points no longer end the dead service's code
        if (body.service.current() != null) {
            f.close();
            return;
        }
        Thread.ofVirtual().name("finalizers of " + Address.format(body.service.handle)).start(() -> {
            body.globals.running = new LuaThread(body.globals);
            try {
                f.close();
            } catch (RuntimeException | StackOverflowError e) {
                LOG.warn("finalizers of {} failed", Address.format(body.service.handle), e);
            }
        });
    }
}
