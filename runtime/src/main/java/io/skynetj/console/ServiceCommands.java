package io.skynetj.console;

import io.skynetj.kernel.Ptype;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Commands about one service, answered by the service itself through the debug protocol (or "lua" for call). */
final class ServiceCommands {
    private ServiceCommands() {}

    static void register(CommandTable t) {
        t.add("info [address] [args...]", "what the service's skynet.info_func returns; without an address, the node's totals (services, sockets by kind)", false,
            ctx -> {
                if (ctx.argCount() == 0) NodeCommands.totals(ctx);
                else debug(ctx, "INFO", ctx.argsFrom(2));
            });
        t.add("task <address>", "suspended coroutines: what each waits for (no tracebacks in skynetj)", false,
            ctx -> debug(ctx, "TASK", List.of()));
        t.add("uniqtask <address>", "suspended coroutines grouped by what they wait for", false,
            ctx -> debug(ctx, "UNIQTASK", List.of()));
        t.add("killtask <address> <thread>", "kill the suspended coroutine whose name (from task) contains <thread>", true,
            ctx -> debug(ctx, "KILLTASK", List.of(String.join(" ", ctx.argsFrom(2)))));
        t.add("ping <address>", "debug PING round trip, in centiseconds", false, ServiceCommands::ping);
        t.add("call <address> <lua expressions>", "skynet.call(address, \"lua\", expressions), e.g. call .db \"get\", 1 (the expressions may run 2 s of CPU and allocate 32 MiB)", true,
            ServiceCommands::call);
        t.add("trace <address> [proto] [on|off]", "trace log of a protocol's requests (default lua): on = every request, off = never, no flag = only after skynet.trace()", true,
            ServiceCommands::trace);
        t.add("dbgcmd <address> <CMD> [args...]", "send a raw debug-protocol command and show its result", true,
            ctx -> debug(ctx, ctx.arg(2), ctx.argsFrom(3)));
    }

    /** Sends a debug command with string arguments and shows the first result as skynet's console does. */
    private static void debug(CommandContext ctx, String cmd, List<String> args) {
        int address = ctx.address(1);
        List<String> words = new ArrayList<>();
        words.add(cmd);
        words.addAll(args);
        ctx.out.value(ctx.console.call(address, Ptype.DEBUG, ConsoleService.args(words)).arg1());
    }

    /** skynet's console trace: debug TRACELOG(proto, flag), "on"/"true" turning it on. */
    private static void trace(CommandContext ctx) {
        int address = ctx.address(1);
        LuaValue proto = ctx.argCount() >= 2 ? LuaValue.valueOf(ctx.arg(2)) : LuaValue.NIL;
        LuaValue flag = LuaValue.NIL;
        if (ctx.argCount() >= 3) {
            flag = LuaValue.valueOf(isOn(ctx.arg(3)));
        } else if (ctx.argCount() == 2 && (ctx.arg(2).equals("on") || ctx.arg(2).equals("off"))) {
            proto = LuaValue.valueOf(isOn(ctx.arg(2)));
        }
        ctx.console.call(address, Ptype.DEBUG, LuaValue.varargsOf(LuaValue.valueOf("TRACELOG"), proto, flag));
    }

    private static boolean isOn(String word) {
        return word.equals("on") || word.equals("true");
    }

    private static void ping(CommandContext ctx) {
        int address = ctx.address(1);
        long start = ctx.node().now();
        ctx.console.call(address, Ptype.DEBUG, LuaValue.valueOf("PING"));
        ctx.out.line(String.valueOf(ctx.node().now() - start));
    }

    /**
     * skynet's call: the rest of the line is evaluated as {@code return <rest>} in an empty
     * environment; the results are the request. Prints the reply as {@code 1 v1 ... n count}.
     */
    private static void call(CommandContext ctx) {
        int address = ctx.address(1);
        Varargs request = CallArguments.evaluate(ctx.textAfter(1));
        Varargs reply = ctx.console.call(address, Ptype.LUA, request);
        LuaTable packed = new LuaTable();
        for (int i = 1; i <= reply.narg(); i++) packed.set(i, reply.arg(i));
        packed.set("n", reply.narg());
        ctx.out.value(packed);
    }
}
