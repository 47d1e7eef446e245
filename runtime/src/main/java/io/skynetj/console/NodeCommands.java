package io.skynetj.console;

import io.skynetj.cache.CodeVersion;
import io.skynetj.cluster.ClusterLinks;
import io.skynetj.cluster.LinkState;
import io.skynetj.kernel.Address;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.lua.LuaServiceBody;
import io.skynetj.observer.CodeAge;
import io.skynetj.observer.Observer;
import io.skynetj.socket.SocketInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Commands about the node as a whole. list, stat, kill, exit, getenv, setenv and clearcache are
 * answered by the kernel directly, so they work even when every Lua service is busy.
 */
final class NodeCommands {
    private static final long DEFAULT_TIMEOUT_CS = 300;
    /** The longest a console command waits for services' replies: an hour. */
    private static final long MAX_TIMEOUT_CS = 360_000;

    private NodeCommands() {}

    static void register(CommandTable t) {
        t.add("list", "every service: address and what it runs", false, NodeCommands::list);
        t.add("cluster", "cluster links: direction, node, peer, state, pending calls, bytes in/out, last error", false,
            NodeCommands::cluster);
        t.add("versions [address]", "code versions: per service, how many of its files are older than on disk; per file with an address", false,
            NodeCommands::versions);
        t.add("stat", "messages handled, queue length and suspended tasks of every service (and the sockets it owns)", false,
            NodeCommands::stat);
        t.add("netstat", "sockets: id, owner, kind, address (peer, or where it listens), bytes in/out, bytes buffered to send", false,
            NodeCommands::netstat);
        t.add("mem [timeout_cs]", "memory reported by every Lua service (debug MEM)", false, ctx -> mem(ctx, false));
        t.add("gc [timeout_cs]", "full garbage collection, then mem", false, ctx -> mem(ctx, true));
        t.add("service", "unique services (uniqueservice) and their addresses", false, NodeCommands::uniqueServices);
        t.add("start <name> [args...]", "start a service (newservice)", true, ctx -> start(ctx, "LAUNCH"));
        t.add("snax <name> [args...]", "start a snax service (snax.newservice)", true, NodeCommands::snax);
        t.add("log <name> [args...]", "start a service with its messages logged from the start (see logon)", true, ctx -> start(ctx, "LOGLAUNCH"));
        t.add("kill <address> [force]", "kill a service at once (skynet.kill); the console, .launcher and .service only with force", true,
            NodeCommands::kill);
        t.add("exit <address>", "ask a service to exit cleanly (skynet.exit)", true, NodeCommands::exit);
        t.add("signal <address> [sig]", "sig 0 (default): the Lua code the service is running raises the error \"signal 0\" (stops a runaway loop); 1: log only",
            true, NodeCommands::signal);
        t.add("getenv <key>", "a config/env value", false, NodeCommands::getenv);
        t.add("setenv <key> <value>", "add a config/env key (keys are write-once)", true, NodeCommands::setenv);
        t.add("logon <address>", "append every message the service is given to <logpath>/<address>.log (config key logpath)", true,
            ctx -> messageLog(ctx, true));
        t.add("logoff <address>", "stop logon's message log", true, ctx -> messageLog(ctx, false));
        t.add("clearcache", "[file|dir]: forget compiled Lua files (all, or one file or directory): services started later load them again", true,
            NodeCommands::clearcache);
    }

    private static void messageLog(CommandContext ctx, boolean on) {
        int address = ctx.address(1);
        if (ctx.node().service(address) == null) throw new CommandFailed("No service " + io.skynetj.kernel.Address.format(address));
        if (on && ctx.node().getenv("logpath") == null) throw new CommandFailed("No logpath in the config");
        boolean changed = on ? ctx.node().logOn(address) : ctx.node().logOff(address);
        if (!changed) throw new CommandFailed(on ? "Already logging, or cannot open the log file" : "Not logging");
    }

    private static List<Service> services(Node node) {
        List<Service> list = new ArrayList<>(node.services());
        list.sort(Comparator.comparingInt(s -> s.handle));
        return list;
    }

    private static void list(CommandContext ctx) {
        for (Service s : services(ctx.node()))
            ctx.out.line(Address.format(s.handle), s.route() != null ? UpgradeCommands.describeRoute(ctx, s.handle) : s.describe());
    }

    /**
     * Which code each Lua service runs. Without an address: {@code :addr  main-file-version  N files, K old}
     * ("old" = the file on disk has changed since the service loaded it). With one: a line per file.
     */
    private static void versions(CommandContext ctx) {
        CodeAge age = new CodeAge();
        if (ctx.argCount() >= 1) {
            Service s = ctx.node().service(ctx.address(1));
            if (s == null || !(s.body() instanceof LuaServiceBody body)) throw new CommandFailed("not a Lua service: " + ctx.arg(1));
            body.codeVersions().forEach((path, v) -> {
                String now = age.diskVersion(path);
                ctx.out.line(path, v.toString(), now.equals(v.hash()) ? "current" : "OLD (disk: " + now + ")");
            });
            return;
        }
        for (Service s : services(ctx.node())) {
            if (!(s.body() instanceof LuaServiceBody body)) continue;
            Map<String, CodeVersion> versions = body.codeVersions();
            ctx.out.line(Address.format(s.handle), body.mainVersion(), versions.size() + " files, " + age.oldFiles(versions) + " old", s.describe());
        }
    }

    private static void cluster(CommandContext ctx) {
        for (LinkState l : ClusterLinks.of(ctx.node()))
            ctx.out.line(l.direction(), l.node() == null ? "-" : l.node(), l.remote() == null ? "-" : l.remote(), l.state(),
                "pending:" + l.pendingCalls(), "in:" + l.bytesIn(), "out:" + l.bytesOut(), l.lastError() == null ? "" : l.lastError());
    }

    /** Counters read from the kernel without stopping the services (a value may be a moment old). */
    private static void stat(CommandContext ctx) {
        Map<Integer, Integer> sockets = ctx.sockets().countsByOwner();
        for (Service s : services(ctx.node())) {
            String line = String.join("\t", Address.format(s.handle), String.format(java.util.Locale.ROOT, "cpu:%.6f", s.cpuSeconds()),
                "message:" + s.messageCount(), "mqlen:" + s.mailboxLength(), "task:" + s.suspendedCount());
            Integer owned = sockets.get(s.handle);
            ctx.out.line(owned == null ? line : line + "\tsocket:" + owned);
        }
    }

    /** {@code info} without an address: how many services and sockets the node has, the sockets by kind as netstat shows them. */
    static void totals(CommandContext ctx) {
        ctx.out.line("services", String.valueOf(ctx.node().services().size()));
        List<SocketInfo> sockets = ctx.sockets().info();
        Map<String, Integer> byKind = new java.util.TreeMap<>();
        for (SocketInfo si : sockets) byKind.merge(si.kind(), 1, Integer::sum);
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, n) -> kinds.append(kinds.isEmpty() ? "" : " ").append(kind).append(':').append(n));
        if (sockets.isEmpty()) ctx.out.line("sockets", "0");
        else ctx.out.line("sockets", String.valueOf(sockets.size()), kinds.toString());
    }

    private static void netstat(CommandContext ctx) {
        for (SocketInfo si : ctx.sockets().info())
            ctx.out.line(String.valueOf(si.id()), Address.format(si.owner()), si.kind(), si.address().isEmpty() ? "-" : si.address(),
                "in:" + si.bytesIn(), "out:" + si.bytesOut(), "buffered:" + si.buffered());
    }

    /** skynet's mem (and gc): each Lua service answers debug MEM; those that do not answer in time show TIMEOUT. */
    private static void mem(CommandContext ctx, boolean collectFirst) {
        long cs = ctx.argCount() >= 1 ? ctx.number(1, 0, MAX_TIMEOUT_CS, "timeout", "centiseconds from 0 (the default) to " + MAX_TIMEOUT_CS)
            : DEFAULT_TIMEOUT_CS;
        Duration timeout = cs > 0 ? Duration.ofMillis(cs * 10) : ConsoleService.REPLY_TIMEOUT;
        if (collectFirst) System.gc(); // one JVM-wide collection stands for skynet's per-VM collections
        Map<Service, CompletableFuture<Varargs>> replies = new LinkedHashMap<>();
        for (Service s : services(ctx.node()))
            if (s.body() instanceof LuaServiceBody)
                replies.put(s, ctx.console.callAsync(s.handle, Ptype.DEBUG, LuaValue.valueOf("MEM")));
        long deadline = System.nanoTime() + timeout.toNanos();
        replies.forEach((s, reply) -> ctx.out.line(Address.format(s.handle), memLine(s, reply, deadline)));
    }

    private static String memLine(Service s, CompletableFuture<Varargs> reply, long deadline) {
        try {
            Varargs mem = reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            String limit = mem.isnumber(2) ? String.format(" limit %.2f Kb", mem.arg(2).todouble()) : "";
            return String.format("%.2f Kb%s (%s)", mem.arg1().todouble(), limit, s.describe());
        } catch (TimeoutException e) {
            return "TIMEOUT";
        } catch (ExecutionException e) {
            return "ERROR";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "ERROR";
        }
    }

    private static void uniqueServices(CommandContext ctx) {
        int manager = ctx.node().lookup(".service");
        if (manager == 0) throw new CommandFailed("no service manager (.service) is running");
        ctx.out.value(ctx.console.call(manager, Ptype.LUA, LuaValue.valueOf("LIST")).arg1());
    }

    /** skynet prints {@code Failed} with {@code <CMD OK>}; we fail the command, so scripts can tell. */
    private static void start(CommandContext ctx, String how) {
        String name = ctx.arg(1);
        int launcher = launcher(ctx);
        List<String> words = new ArrayList<>(List.of(how, "snlua"));
        words.addAll(ctx.argsFrom(1));
        Varargs r = ctx.console.call(launcher, Ptype.LUA, ConsoleService.args(words));
        if (r.arg1().isnumber()) {
            ctx.out.line(Address.format(r.arg1().toint()), name);
        } else if (r.arg(2).isnil()) {
            ctx.out.line("Exit");
        } else {
            throw new CommandFailed("Failed\t" + r.arg(2).tojstring());
        }
    }

    private static final int SNAX_INIT = 1;

    /** snax.newservice from the console: snaxd started by the launcher, then its init with the arguments. */
    private static void snax(CommandContext ctx) {
        String name = ctx.arg(1);
        Varargs r = ctx.console.call(launcher(ctx), Ptype.LUA, ConsoleService.args(List.of("LAUNCH", "snlua", "snaxd", name)));
        if (!r.arg1().isnumber()) throw new CommandFailed("Failed");
        int h = r.arg1().toint();
        // skynet's snax wire form: the method id (init is system method 1), then the arguments
        ctx.console.call(h, Ptype.SNAX, LuaValue.varargsOf(LuaValue.valueOf(SNAX_INIT), ConsoleService.args(ctx.argsFrom(2))));
        ctx.out.line(Address.format(h), name);
    }

    private static int launcher(CommandContext ctx) {
        int launcher = ctx.node().lookup(".launcher");
        if (launcher == 0) throw new CommandFailed("no launcher (.launcher) is running");
        return launcher;
    }

    /** Kills through the kernel (no Lua needed), then tells the launcher to forget the service. */
    private static void kill(CommandContext ctx) {
        int h = ctx.address(1);
        Service s = ctx.node().service(h);
        if (s == null) throw new CommandFailed("call to invalid address " + Address.format(h));
        String what = s.describe();
        String system = systemService(ctx, h);
        boolean force = ctx.argCount() >= 2 && ctx.arg(2).equals("force");
        if (ctx.argCount() >= 2 && !force) throw new CommandFailed("Invalid option " + ctx.arg(2) + ": kill <address> [force]");
        if (system != null && !force)
            throw new CommandFailed(Address.format(h) + " is " + system + ", which the node needs: not killed (kill " + ctx.arg(1) + " force kills it)");
        ctx.node().kill(h);
        int launcher = ctx.node().lookup(".launcher");
        if (launcher != 0)
            ctx.console.send(launcher, Ptype.LUA, LuaValue.varargsOf(LuaValue.valueOf("REMOVE"), LuaValue.valueOf(h), LuaValue.TRUE));
        ctx.out.line(Address.format(h), what);
    }

    /** What a service the node cannot do without is ({@code "the debug console"}...), or null for any other. */
    private static String systemService(CommandContext ctx, int h) {
        if (h == ctx.console.handle()) return "the debug console";
        if (h == ctx.node().lookup(".launcher")) return "the launcher";
        if (h == ctx.node().lookup(".service")) return "the service manager";
        return null;
    }

    private static void signal(CommandContext ctx) {
        int h = ctx.address(1);
        int sig = ctx.argCount() >= 2
            ? (int) ctx.number(2, 0, Integer.MAX_VALUE, "signal", "0 raises an error in the running Lua code, another number is only logged")
            : 0;
        if (!ctx.node().signal(h, sig)) throw new CommandFailed("call to invalid address " + Address.format(h));
    }

    private static void exit(CommandContext ctx) {
        ctx.console.send(ctx.address(1), Ptype.DEBUG, LuaValue.valueOf("EXIT"));
    }

    private static void getenv(CommandContext ctx) {
        String key = ctx.arg(1);
        String value = ctx.node().getenv(key);
        ctx.out.line(key, value == null ? "nil" : value);
    }

    private static void setenv(CommandContext ctx) {
        String key = ctx.arg(1);
        if (!ctx.node().setenv(key, ctx.arg(2))) throw new CommandFailed("Can't setenv exist key : " + key);
    }

    /** clearcache [file or directory]: services started later load those files again; prints how many were dropped. */
    private static void clearcache(CommandContext ctx) {
        int dropped;
        try {
            dropped = ctx.argCount() > 0 ? ctx.console.runtime().cache().clear(ctx.arg(1)) : ctx.console.runtime().cache().clear();
        } catch (IllegalArgumentException e) {
            throw new CommandFailed(e.getMessage());
        }
        Observer.of(ctx.console.luaNode()).operations().clearedCache();
        ctx.out.line("cleared " + dropped + " cached file(s)");
    }
}
