package io.skynetj.lua.lib;

import java.util.function.Consumer;
import org.luaj.vm2.Finalizers;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The finalizers of one Lua state ({@link Finalizers}) on this state's libraries: a {@code __gc} runs
 * under the state's own {@code pcall}, behind the C-call boundary (it cannot yield, as in Lua 5.4),
 * and its error is a warning through the state's own {@code warn} ("error in __gc (...)", shown once
 * warnings are on) unless the owner reports it elsewhere (a service: its log).
 */
public final class StateFinalizers extends Finalizers {
    private final LuaValue pcall;
    private final LuaValue warn;
    private volatile Consumer<String> report;
    private volatile Runnable wake;

    private StateFinalizers(Globals g) {
        super(g);
        this.pcall = g.get("pcall");
        this.warn = g.get("warn");
    }

    /** Gives state {@code g}, whose pcall and warn are installed, its finalizers. */
    static void install(Globals g) {
        g.finalizers = new StateFinalizers(g);
    }

    /** The finalizers of state {@code g}. */
    public static StateFinalizers of(Globals g) {
        return (StateFinalizers) g.finalizers;
    }

    /** Errors of finalizers go to {@code report} instead of the state's warn. */
    public void reportTo(Consumer<String> report) {
        this.report = report;
    }

    /**
     * {@code wake} runs (on the JVM's finalizer thread) when finalizers became due: a state whose code
     * may not reach a safe point soon (an idle service) makes sure that {@link #runDue} is called.
     */
    public void wakeWith(Runnable wake) {
        this.wake = wake;
    }

    @Override
    protected void becameDue() {
        Runnable w = wake;
        if (w != null) w.run();
    }

    @Override
    protected LuaValue callProtected(LuaValue gc, LuaValue o) {
        Varargs r = CallBoundary.call(() -> pcall.invoke(LuaValue.varargsOf(gc, o)));
        return r.arg1().toboolean() ? null : r.arg(2);
    }

    @Override
    protected void warn(String text) {
        Consumer<String> r = report;
        if (r != null) r.accept(text);
        else warn.call(LuaValue.valueOf(text));
    }
}
