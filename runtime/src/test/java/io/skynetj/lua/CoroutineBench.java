package io.skynetj.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Resume/yield round trip of {@link CoroutineLib}, driven from Lua on a virtual thread as the kernel does.
 * Args: round trips per run (default 1,000,000), runs (default 5).
 */
public final class CoroutineBench {

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Globals globals = JsePlatform.standardGlobals();
        globals.load(new CoroutineLib());
        LuaValue bench = globals.load("""
                local n = ...
                local resume, yield = coroutine.resume, coroutine.yield
                local co = coroutine.create(function() while true do yield() end end)
                for i = 1, n do resume(co) end
                """, "bench");
        Thread driver = Thread.ofVirtual().start(() -> {
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                bench.call(LuaValue.valueOf(n));
                double micros = (System.nanoTime() - start) / 1e3 / n;
                System.out.printf("run %d: %.3f us per resume/yield round trip%n", run, micros);
            }
        });
        driver.join();
    }
}
