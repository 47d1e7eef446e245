package io.skynetj.lua;

import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ZeroArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

class CoroutineLibTest {

    private static Globals globals() {
        Globals globals = JsePlatform.standardGlobals();
        globals.load(new CoroutineLib());
        return globals;
    }

    private static Varargs run(Globals globals, String chunk) {
        return globals.load(chunk, "test").invoke();
    }

    /** Runs the action on a virtual thread, as the kernel runs Lua, and rethrows what it throws. */
    private static void onVirtualThread(Executable action) throws Throwable {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                action.execute();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(2, MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /** Polls the condition until it holds or the deadline passes; returns its last value. */
    private static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline)
                return false;
            Thread.onSpinWait();
        }
        return true;
    }

    @Test
    void replacesTheStockLibrary() {
        Globals g = globals();
        Varargs r = run(g, "return coroutine.create(print), coroutine == package.loaded.coroutine");
        assertInstanceOf(Coroutine.class, r.arg1());
        assertTrue(r.arg(2).toboolean());
    }

    @Test
    void passesValuesBothWays() {
        Varargs r = run(globals(), """
                local co = coroutine.create(function(a, b)
                  local c = coroutine.yield(a + b)
                  local d, e = coroutine.yield(c * 2)
                  return d + e, "done"
                end)
                local s0 = coroutine.status(co)
                local _, x = coroutine.resume(co, 1, 2)
                local s1 = coroutine.status(co)
                local _, y = coroutine.resume(co, 10)
                local ok, z, w = coroutine.resume(co, 3, 4)
                return s0, x, s1, y, ok, z, w, coroutine.status(co)
                """);
        assertEquals("suspended", r.arg(1).tojstring());
        assertEquals(3, r.arg(2).toint());
        assertEquals("suspended", r.arg(3).tojstring());
        assertEquals(20, r.arg(4).toint());
        assertTrue(r.arg(5).toboolean());
        assertEquals(7, r.arg(6).toint());
        assertEquals("done", r.arg(7).tojstring());
        assertEquals("dead", r.arg(8).tojstring());
    }

    @Test
    void wrapMakesGenerators() {
        Varargs r = run(globals(), """
                local fib = coroutine.wrap(function()
                  local a, b = 0, 1
                  while true do coroutine.yield(a); a, b = b, a + b end
                end)
                local out = {}
                for i = 1, 10 do out[i] = fib() end
                return table.concat(out, ",")
                """);
        assertEquals("0,1,1,2,3,5,8,13,21,34", r.arg1().tojstring());
    }

    @Test
    void nestedCoroutinesAreNormalWhileTheyResumeOthers() {
        Varargs r = run(globals(), """
                local main = coroutine.running()
                local a, b, c
                local seen
                c = coroutine.create(function()
                  seen = table.concat({coroutine.status(main), coroutine.status(a),
                                       coroutine.status(b), coroutine.status(c)}, " ")
                  coroutine.yield("from c")
                end)
                b = coroutine.create(function() return select(2, coroutine.resume(c)) end)
                a = coroutine.create(function() return select(2, coroutine.resume(b)) end)
                local ok, v = coroutine.resume(a)
                return seen, ok, v, coroutine.status(a), coroutine.status(b), coroutine.status(c),
                       coroutine.status(main)
                """);
        assertEquals("normal normal normal running", r.arg(1).tojstring());
        assertTrue(r.arg(2).toboolean());
        assertEquals("from c", r.arg(3).tojstring());
        assertEquals("dead", r.arg(4).tojstring());
        assertEquals("dead", r.arg(5).tojstring());
        assertEquals("suspended", r.arg(6).tojstring());
        assertEquals("running", r.arg(7).tojstring());
    }

    @Test
    void errorsComeBackFromResumeUnchanged() {
        Varargs r = run(globals(), """
                local e = {code = 42}
                local function boom() error("boom") end
                local _, expected = pcall(boom) -- LuaJ prefixes the position even at level 0
                local co1 = coroutine.create(boom)
                local co2 = coroutine.create(function() coroutine.yield(); error(e) end)
                local co3 = coroutine.create(function() error() end)
                local ok1, v1 = coroutine.resume(co1)
                coroutine.resume(co2)
                local ok2, v2 = coroutine.resume(co2)
                local ok3, v3 = coroutine.resume(co3)
                return ok1, v1, expected, ok2, v2 == e, coroutine.status(co2), ok3, v3
                """);
        assertFalse(r.arg(1).toboolean());
        assertEquals(r.arg(3).tojstring(), r.arg(2).tojstring());
        assertTrue(r.arg(2).tojstring().endsWith("boom"));
        assertFalse(r.arg(4).toboolean());
        assertTrue(r.arg(5).toboolean());
        assertEquals("dead", r.arg(6).tojstring());
        assertFalse(r.arg(7).toboolean());
        assertTrue(r.arg(8).isnil());
    }

    @Test
    void wrapPropagatesTheOriginalErrorValue() {
        Varargs r = run(globals(), """
                local e = {}
                local ok1, v1 = pcall(coroutine.wrap(function() error(e) end))
                local function plain() error("plain") end
                local _, expected = pcall(plain)
                local ok2, v2 = pcall(coroutine.wrap(plain))
                local dead = coroutine.wrap(function() end)
                dead()
                local ok3, v3 = pcall(dead)
                return ok1, v1 == e, ok2, v2 == expected, ok3, v3
                """);
        assertFalse(r.arg(1).toboolean());
        assertTrue(r.arg(2).toboolean());
        assertFalse(r.arg(3).toboolean());
        assertTrue(r.arg(4).toboolean());
        assertFalse(r.arg(5).toboolean());
        assertEquals("cannot resume dead coroutine", r.arg(6).tojstring());
    }

    @Test
    void yieldsAcrossPcall() {
        Varargs r = run(globals(), """
                local co = coroutine.create(function()
                  local ok, err = pcall(function()
                    local x = coroutine.yield("inside pcall")
                    error(x, 0)
                  end)
                  coroutine.yield(ok, err)
                  return "end"
                end)
                local _, a = coroutine.resume(co)
                local _, ok, err = coroutine.resume(co, "raised")
                local _, last = coroutine.resume(co)
                return a, ok, err, last
                """);
        assertEquals("inside pcall", r.arg(1).tojstring());
        assertFalse(r.arg(2).toboolean());
        assertTrue(r.arg(3).tojstring().endsWith("raised"));
        assertEquals("end", r.arg(4).tojstring());
    }

    @Test
    void refusesToResumeDeadRunningOrNormalCoroutines() {
        Varargs r = run(globals(), """
                local dead = coroutine.create(function() end)
                coroutine.resume(dead)
                local self = coroutine.create(function() return coroutine.resume(coroutine.running()) end)
                local outer
                local inner = coroutine.create(function() return coroutine.resume(outer) end)
                outer = coroutine.create(function() return select(2, coroutine.resume(inner)) end)
                local main = coroutine.running()
                return select(2, coroutine.resume(dead)),
                       select(3, coroutine.resume(self)),
                       select(3, coroutine.resume(outer)),
                       select(2, coroutine.resume(main))
                """);
        assertEquals("cannot resume dead coroutine", r.arg(1).tojstring());
        assertEquals("cannot resume non-suspended coroutine", r.arg(2).tojstring());
        assertEquals("cannot resume non-suspended coroutine", r.arg(3).tojstring());
        assertEquals("cannot resume non-suspended coroutine", r.arg(4).tojstring());
    }

    @Test
    void cannotYieldOutsideACoroutine() {
        Varargs r = run(globals(), """
                local ok1, e1 = pcall(coroutine.yield, 1)
                local ok2, e2 = pcall(function() coroutine.yield() end)
                return ok1, e1, ok2, e2
                """);
        assertFalse(r.arg(1).toboolean());
        assertEquals("attempt to yield from outside a coroutine", r.arg(2).tojstring());
        assertFalse(r.arg(3).toboolean());
        assertTrue(r.arg(4).tojstring().endsWith("attempt to yield from outside a coroutine"));
    }

    @Test
    void runningIdentifiesTheCurrentCoroutine() {
        Globals g = globals();
        Varargs r = run(g, """
                local main, ismain = coroutine.running()
                local co
                co = coroutine.create(function()
                  local me, mine = coroutine.running()
                  return me == co, mine
                end)
                local _, same, inmain = coroutine.resume(co)
                return main, ismain, same, inmain
                """);
        assertSame(g.running, r.arg(1));
        assertTrue(r.arg(1).checkthread().isMainThread());
        assertTrue(r.arg(2).toboolean());
        assertTrue(r.arg(3).toboolean());
        assertFalse(r.arg(4).toboolean());
    }

    @Test
    void isyieldableOnlyInsideCoroutines() {
        Varargs r = run(globals(), """
                local co = coroutine.create(function() return coroutine.isyieldable() end)
                return coroutine.isyieldable(), select(2, coroutine.resume(co)),
                       coroutine.isyieldable(co), coroutine.isyieldable((coroutine.running()))
                """);
        assertFalse(r.arg(1).toboolean());
        assertTrue(r.arg(2).toboolean());
        assertTrue(r.arg(3).toboolean());
        assertFalse(r.arg(4).toboolean());
    }

    @Test
    void closeEndsASuspendedCoroutineAndItsThread() {
        Globals g = globals();
        run(g, """
                reached = false
                co = coroutine.create(function()
                  pcall(function() coroutine.yield() end)
                  reached = true
                end)
                coroutine.resume(co)
                """);
        int live = Coroutine.liveThreads();
        Varargs r = run(g, "return coroutine.close(co), coroutine.status(co), reached, coroutine.resume(co)");
        assertTrue(r.arg(1).toboolean());
        assertEquals("dead", r.arg(2).tojstring());
        assertFalse(r.arg(3).toboolean(), "pcall must not catch the unwinding");
        assertFalse(r.arg(4).toboolean());
        assertEquals("cannot resume dead coroutine", r.arg(5).tojstring());
        assertEquals(live - 1, Coroutine.liveThreads());
        assertTrue(g.running.isMainThread());
    }

    @Test
    void closeReportsTheErrorACoroutineDiedWithOnce() {
        Varargs r = run(globals(), """
                local e = {}
                local co = coroutine.create(function() error(e) end)
                coroutine.resume(co)
                local ok1, err = coroutine.close(co)
                local ok2 = coroutine.close(co)
                local fresh = coroutine.create(function() end)
                return ok1, err == e, ok2, coroutine.close(fresh), coroutine.status(fresh)
                """);
        assertFalse(r.arg(1).toboolean());
        assertTrue(r.arg(2).toboolean());
        assertTrue(r.arg(3).toboolean());
        assertTrue(r.arg(4).toboolean());
        assertEquals("dead", r.arg(5).tojstring());
    }

    @Test
    void closeRefusesRunningAndNormalCoroutines() {
        Varargs r = run(globals(), """
                local outer
                local inner = coroutine.create(function() return pcall(coroutine.close, outer) end)
                outer = coroutine.create(function()
                  local _, ok1, e1 = coroutine.resume(inner)
                  local ok2, e2 = pcall(coroutine.close, coroutine.running())
                  return e1, e2
                end)
                local _, e1, e2 = coroutine.resume(outer)
                return e1, e2, select(2, pcall(coroutine.close, (coroutine.running())))
                """);
        assertEquals("cannot close a normal coroutine", r.arg(1).tojstring());
        assertEquals("cannot close a running coroutine", r.arg(2).tojstring());
        assertEquals("cannot close a running coroutine", r.arg(3).tojstring());
    }

    @Test
    void xpcallUsesTheHandlerOfTheRunningCoroutine() {
        Varargs r = run(globals(), """
                local co = coroutine.create(function()
                  return xpcall(function() coroutine.yield(); error("in co", 0) end,
                                function(m) return "co handler: " .. m end)
                end)
                local plain = coroutine.create(function() error("plain", 0) end)
                local function main_handler(m) return "main handler: " .. m end
                local _, r1 = xpcall(function()
                  coroutine.resume(co) -- suspends inside the coroutine's xpcall
                  local _, ok, err = coroutine.resume(co)
                  return err
                end, main_handler)
                local _, r2 = xpcall(function() return select(2, coroutine.resume(plain)) end, main_handler)
                local co2 = coroutine.create(function() xpcall(coroutine.yield, function(m) return "co2: " .. m end) end)
                local _, r3 = xpcall(function() coroutine.resume(co2); error("in main", 0) end, main_handler)
                return r1, r2, r3
                """);
        assertTrue(r.arg(1).tojstring().matches("co handler: .*in co"), r.arg(1).tojstring());
        assertEquals("plain", r.arg(2).tojstring()); // error(msg, 0) adds no position
        assertTrue(r.arg(3).tojstring().matches("main handler: .*in main"), r.arg(3).tojstring());
    }

    /** A Java Error that Lua cannot catch (like the kernel's ServiceExit). */
    static final class Crash extends Error {
        Crash(String message) {
            super(message);
        }
    }

    @Test
    void javaExceptionsFailTheCoroutineAndErrorsReachTheResumer() {
        Globals g = globals();
        g.set("fail", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                throw new IllegalStateException("java says no");
            }
        });
        g.set("crash", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                throw new Crash("deep");
            }
        });
        Varargs r = run(g, "return coroutine.resume(coroutine.create(fail))");
        assertFalse(r.arg1().toboolean());
        assertEquals("java says no", r.arg(2).tojstring());
        run(g, "co = coroutine.create(crash)");
        Crash e = assertThrows(Crash.class, () -> run(g, "coroutine.resume(co)"));
        assertEquals("deep", e.getMessage());
        assertEquals("dead", run(g, "return coroutine.status(co)").arg1().tojstring());
        assertTrue(g.running.isMainThread());
    }

    @Test
    void coroutinesRunOnDaemonVirtualThreadsAndCanBeResumedFromOne() throws Exception {
        Globals g = globals();
        AtomicReference<Thread> body = new AtomicReference<>();
        g.set("where", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                body.set(Thread.currentThread());
                return NONE;
            }
        });
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread resumer = Thread.ofVirtual().start(() -> result.complete(run(g, """
                local gen = coroutine.wrap(function() where(); for i = 1, 3 do coroutine.yield(i) end end)
                return gen() .. gen() .. gen()
                """).arg1().tojstring()));
        assertEquals("123", result.get(10, SECONDS));
        assertTrue(body.get().isVirtual());
        assertTrue(body.get().isDaemon());
        assertNotSame(resumer, body.get());
    }

    @Test
    void holdsTenThousandSuspendedCoroutines() {
        Globals g = globals();
        int before = Coroutine.liveThreads();
        run(g, """
                cos = {}
                for i = 1, 10000 do
                  cos[i] = coroutine.create(function(a) local b = coroutine.yield(a * 2); return a + b end)
                  assert(select(2, coroutine.resume(cos[i], i)) == i * 2)
                end
                """);
        assertEquals(before + 10_000, Coroutine.liveThreads());
        assertEquals(10_000L * 10_001, run(g, """
                local sum = 0
                for i = 1, #cos do
                  local ok, v = coroutine.resume(cos[i], i)
                  assert(ok and coroutine.status(cos[i]) == "dead")
                  sum = sum + v
                end
                return sum
                """).arg1().tolong());
        assertEquals(before, Coroutine.liveThreads());
    }

    @Test
    void unwindsAbandonedSuspendedCoroutines() throws Throwable {
        Globals g = globals();
        int before = Coroutine.liveThreads();
        onVirtualThread(() -> {
            run(g, """
                    abandoned = {}
                    for i = 1, 20000 do
                      abandoned[i] = coroutine.create(function() coroutine.yield() end)
                      coroutine.resume(abandoned[i])
                    end
                    """);
            assertEquals(before + 20_000, Coroutine.liveThreads());
            run(g, "abandoned = nil");
            LuaValue create = g.load("coroutine.create(print)"); // orphans are unwound when coroutines are created
            assertTrue(await(() -> {
                System.gc();
                create.call();
                return Coroutine.liveThreads() <= before;
            }, Duration.ofSeconds(60)), () -> "still live: " + (Coroutine.liveThreads() - before));
        });
    }

    @Test
    void foreignParksBetweenResumeAndYieldDoNotConfuseTheHandoff() throws Exception {
        Globals g = globals();
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicReference<Thread> coThread = new AtomicReference<>();
        AtomicBoolean released = new AtomicBoolean();
        // Stands in for the kernel: parks the coroutine's thread inside a Lua call until someone else unparks it.
        g.set("block", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                coThread.set(Thread.currentThread());
                blocked.countDown();
                while (!released.get())
                    LockSupport.park();
                return valueOf("unblocked");
            }
        });
        Varargs first = run(g, """
                co = coroutine.create(function(x)
                  local y = coroutine.yield(x + 1)
                  local z = block()
                  return y .. z
                end)
                return coroutine.resume(co, 1)
                """);
        assertEquals(2, first.arg(2).toint());

        CompletableFuture<Varargs> result = new CompletableFuture<>();
        Thread resumer = Thread.ofVirtual().start(() -> result.complete(run(g, "return coroutine.resume(co, 'got ')")));
        assertTrue(blocked.await(10, SECONDS));
        Thread blockedThread = coThread.get();
        assertTrue(blockedThread.isVirtual());
        assertNotSame(resumer, blockedThread);

        for (int i = 0; i < 100; i++) { // spurious unparks of both sides
            LockSupport.unpark(resumer);
            LockSupport.unpark(blockedThread);
        }
        assertTrue(await(() -> resumer.getState() == Thread.State.WAITING
                && blockedThread.getState() == Thread.State.WAITING, Duration.ofSeconds(10)));
        assertFalse(result.isDone());
        LuaError e = assertThrows(LuaError.class, () -> run(g, "coroutine.yield()"), "yield from a thread not the coroutine's");
        assertTrue(e.getMessage().endsWith("attempt to yield from outside a coroutine"), e.getMessage());

        released.set(true);
        LockSupport.unpark(blockedThread);
        Varargs r = result.get(10, SECONDS);
        assertTrue(r.arg1().toboolean());
        assertEquals("got unblocked", r.arg(2).tojstring());
        assertEquals("dead", run(g, "return coroutine.status(co)").arg1().tojstring());
    }
}
