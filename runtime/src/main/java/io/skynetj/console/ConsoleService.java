package io.skynetj.console;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.InvalidAddress;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.LuaNode;
import io.skynetj.lua.LuaRuntime;
import io.skynetj.lua.Pack;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A debug console: a kernel service written in Java that owns one TCP listener. Connections are
 * served on platform threads (see {@link ConsoleServer}); when a command needs to talk to a service,
 * the connection thread hands a job to this service, whose execution makes the kernel call (so the
 * reply comes back to a real address and session) and hands the result back. A service that never
 * answers costs the connection a timeout, never the console.
 */
public final class ConsoleService implements ServiceBody {
    /** How long a command waits for one service's answer. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final LuaNode luaNode;
    private final LuaRuntime runtime;
    private final Service service;
    private final ConsoleServer server;
    private final CommandTable commands = CommandTable.standard();
    private final Queue<Runnable> jobs = new ConcurrentLinkedQueue<>();
    private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();

    private ConsoleService(LuaNode luaNode, Service service, ConsoleSettings settings, AuditLog audit) {
        this.luaNode = luaNode;
        this.runtime = luaNode.runtime();
        this.service = service;
        ConsoleLimits limits = ConsoleLimits.of(service.node::getenv);
        TokenGate gate = new TokenGate(settings.token(), audit);
        this.server = new ConsoleServer(settings, limits.maxConnections(), socket -> new ConsoleSession(socket, this, gate, limits, audit));
    }

    /** Starts a console as its own service; throws {@link LuaRuntime.LaunchException} when it cannot listen. */
    public static ConsoleService start(LuaNode luaNode, ConsoleSettings settings, AuditLog audit) {
        Service s = luaNode.node().newService(svc -> new ConsoleService(luaNode, svc, settings, audit));
        luaNode.node().start(s, null);
        return (ConsoleService) s.body();
    }

    /** Lets Lua start consoles: {@code skynet.newservice("debug_console", [ip,] port)}, as in skynet. */
    public static void registerAsService(LuaNode luaNode, AuditLog audit) {
        LuaRuntime runtime = luaNode.runtime();
        runtime.register("debug_console", (svc, args) -> {
            if (args.isEmpty() || args.size() > 2)
                throw new LuaRuntime.LaunchException("usage: newservice(\"debug_console\", [ip,] port)");
            String host = args.size() == 2 ? args.get(0) : "127.0.0.1";
            ConsoleSettings settings = ConsoleSettings.of(host, args.getLast(), runtime.node().getenv("console_token"));
            return new ConsoleService(luaNode, svc, settings, audit);
        });
    }

    /** The console's own service address. */
    int handle() {
        return service.handle;
    }

    /** The address the console listens on (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.address();
    }

    Node node() {
        return service.node;
    }

    /** The node's parts (e.g. the upgrade manager). */
    LuaNode luaNode() {
        return luaNode;
    }

    CommandTable commands() {
        return commands;
    }

    LuaRuntime runtime() {
        return runtime;
    }

    @Override
    public boolean run(Execution e) {
        Message m = e.request;
        if (m == null) { // start-up: only now accept, so every connection finds the service registered
            server.start();
            service.node.log(service.handle, "Start debug console at " + hostPort(address()));
            return true;
        }
        if (m.source == 0 && m.type == Ptype.TEXT) { // a connection's doorbell (see onService)
            Runnable job = jobs.poll();
            if (job != null) job.run();
            return true;
        }
        if (m.type == Ptype.DEBUG) return answerDebug(m);
        return m.session == 0; // other requests fail at their callers
    }

    /** Other services may ping the console or ask it to exit; everything else fails at the caller. */
    private boolean answerDebug(Message m) {
        String cmd = Pack.unpack(m.data).arg1().optjstring("");
        switch (cmd) {
            case "PING" -> service.ret(Ptype.RESPONSE, Message.EMPTY);
            case "EXIT" -> service.exit();
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exited() {
        server.close();
        for (CompletableFuture<?> f : waiting) f.completeExceptionally(new CommandFailed("the console service has exited"));
    }

    @Override
    public String describe() {
        return "debug_console " + hostPort(address());
    }

    static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    // ---------------------------------------------------------------- kernel calls for connection threads

    /** Sends a one-way message from the console; fails when {@code dest} does not exist. */
    void send(int dest, int type, Varargs args) {
        if (!service.send(dest, type, 0, Pack.pack(args)))
            throw new CommandFailed("no service at " + Address.format(dest));
    }

    /** Calls {@code dest} with packed {@code args} and returns the unpacked reply. */
    Varargs call(int dest, int type, Varargs args) {
        byte[] request = Pack.pack(args);
        Message reply = onService(() -> service.call(dest, type, request), Address.format(dest));
        if (reply.type == Ptype.ERROR) throw new CommandFailed("call failed");
        return Pack.unpack(reply.data);
    }

    /** Starts a call now and returns its pending reply, for commands that ask many services at once. */
    CompletableFuture<Varargs> callAsync(int dest, int type, Varargs args) {
        byte[] request = Pack.pack(args);
        CompletableFuture<Message> reply = submit(() -> service.call(dest, type, request));
        return reply.thenApply(m -> {
            if (m.type == Ptype.ERROR) throw new CommandFailed("call failed");
            return Pack.unpack(m.data);
        });
    }

    /** Runs {@code job} on the service and waits for its result; a job that has not started by the timeout never runs. */
    private <T> T onService(Callable<T> job, String who) {
        CompletableFuture<T> result = submit(job);
        try {
            return result.get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(false);
            throw new CommandFailed.NoAnswer("no answer from " + who + " within " + REPLY_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailed("interrupted");
        }
    }

    /** The console's reason for a failed job: kernel errors keep their message ("call to invalid address ..."). */
    private static CommandFailed failure(Throwable cause) {
        if (cause instanceof CommandFailed f) return f;
        if (cause instanceof InvalidAddress a) return new CommandFailed(a.getMessage());
        return new CommandFailed(String.valueOf(cause));
    }

    /**
     * Runs {@code job} in an execution of this service. A connection thread cannot make kernel calls
     * itself (they need the service's baton), so it queues the job and rings the doorbell: an empty
     * TEXT message from address 0, which {@link #run} answers by running the next queued job.
     */
    private <T> CompletableFuture<T> submit(Callable<T> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(result);
        result.whenComplete((v, ex) -> waiting.remove(result));
        jobs.add(() -> {
            if (result.isDone()) return; // given up on (timeout) before it could start
            try {
                result.complete(job.call());
            } catch (Exception ex) {
                result.completeExceptionally(ex);
            }
        });
        if (!service.node.send(0, service.handle, Ptype.TEXT, 0, null))
            result.completeExceptionally(new CommandFailed("the console service has exited"));
        return result;
    }

    /** Lua values for a call's arguments. */
    static Varargs args(List<String> words) {
        LuaValue[] v = new LuaValue[words.size()];
        for (int i = 0; i < v.length; i++) v[i] = LuaValue.valueOf(words.get(i));
        return LuaValue.varargsOf(v);
    }
}
