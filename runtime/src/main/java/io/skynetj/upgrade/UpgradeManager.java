package io.skynetj.upgrade;

import io.skynetj.cache.CompiledChunk;
import io.skynetj.kernel.Address;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Route;
import io.skynetj.kernel.Service;
import io.skynetj.lua.LuaNode;
import io.skynetj.lua.LuaRuntime;
import io.skynetj.lua.LuaServiceBody;
import io.skynetj.lua.Pack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades long-lived services behind a stable address (the manager/router pattern, in the kernel).
 * An upgrade starts a new instance on the new code, fences the route (new messages are held in
 * order), drains the old instance, hands its state over (snapshot → restore) after stopping its
 * timers, flips the route and retires the old instance; any failure rolls everything back.
 * Methods block: call them from a thread that holds no service's baton.
 */
public final class UpgradeManager {
    private static final Logger LOG = LoggerFactory.getLogger("skynetj.upgrade");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long a forced-out instance may keep finishing its requests before it is retired anyway. */
    private static final Duration LINGER = Duration.ofSeconds(60);

    private final Node node;
    private final LuaRuntime runtime;
    private final Map<String, ManagedService> managed = new ConcurrentHashMap<>();
    /** The newest upgrades and rollbacks, oldest first; the counts cover every one since start. */
    private static final int HISTORY = 100;
    private final ArrayDeque<UpgradeRecord> history = new ArrayDeque<>();
    private long upgrades;
    private long upgradesFailed;

    public UpgradeManager(LuaNode luaNode) {
        this.node = luaNode.node();
        this.runtime = luaNode.runtime();
    }

    /** Thrown when a managed service cannot be started or is unknown. */
    public static final class UpgradeException extends RuntimeException {
        UpgradeException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Starts {@code commandLine} ("service args...") as a managed service named {@code name}
     * (".local" or global) and returns its stable address.
     */
    public int launch(String name, String commandLine) {
        if (node.lookup(name) != 0) throw new UpgradeException("name " + name + " is already used");
        Service instance = start(commandLine, Map.of(), false);
        Service route = node.newRoute(instance);
        if (!node.register(name, route.handle)) {
            node.kill(route.handle);
            node.kill(instance.handle);
            throw new UpgradeException("name " + name + " is already used");
        }
        managed.put(name, new ManagedService(name, commandLine, route, instance, body(instance).version()));
        LOG.info("{} managed at {} (instance {})", name, Address.format(route.handle), Address.format(instance.handle));
        return route.handle;
    }

    /** Replaces the instance behind {@code name} with one running the files on disk now. */
    public UpgradeReport upgrade(String name, UpgradeOptions options) {
        return recorded(find(name), options, false);
    }

    /**
     * Brings back an earlier version of {@code name} (the newest earlier one, or {@code options.version()}),
     * state handed back through the same hooks; each rollback steps one version further back.
     */
    public UpgradeReport rollback(String name, UpgradeOptions options) {
        return recorded(find(name), options, true);
    }

    /** Swaps and writes the outcome to the history; {@code m}'s lock (reentrant) keeps from/to versions exact. */
    private UpgradeReport recorded(ManagedService m, UpgradeOptions options, boolean back) {
        synchronized (m) {
            String from = m.version;
            UpgradeReport report = swap(m, options, back);
            remember(new UpgradeRecord(m.name, Instant.now(), back, report.ok(), from, m.version, report.millis(), report.lines()));
            return report;
        }
    }

    private synchronized void remember(UpgradeRecord r) {
        upgrades++;
        if (!r.ok()) upgradesFailed++;
        history.addLast(r);
        if (history.size() > HISTORY) history.removeFirst();
    }

    /** The newest upgrades and rollbacks (at most {@value #HISTORY}), oldest first. */
    public synchronized List<UpgradeRecord> history() {
        return List.copyOf(history);
    }

    /** How many upgrades and rollbacks ran since the node started. */
    public synchronized long upgrades() {
        return upgrades;
    }

    /** How many of them failed (and were rolled back). */
    public synchronized long upgradesFailed() {
        return upgradesFailed;
    }

    public List<ManagedService.Info> list() {
        managed.values().removeIf(m -> m.route.isDead());
        List<ManagedService.Info> infos = new ArrayList<>();
        for (ManagedService m : managed.values()) infos.add(m.info());
        infos.sort((a, b) -> a.name().compareTo(b.name()));
        return infos;
    }

    /** True if {@code name} is a managed service. */
    public boolean manages(String name) {
        ManagedService m = managed.get(name);
        return m != null && !m.route.isDead();
    }

    private ManagedService find(String name) {
        ManagedService m = managed.get(name);
        if (m != null && m.route.isDead()) {
            managed.remove(name, m); // its stable address was killed
            m = null;
        }
        if (m == null) throw new UpgradeException("no managed service named " + name);
        return m;
    }

    private UpgradeReport swap(ManagedService m, UpgradeOptions o, boolean back) {
        synchronized (m) {
            UpgradeReport report = new UpgradeReport(m.name, back);
            report.versions(m.version, m.version);
            Service old = m.current;
            Route route = m.route.route();
            Map<String, CompiledChunk> oldChunks = body(old).loadedChunks();

            // 1. new code, new instance; the old one is untouched if this fails
            Map<String, CompiledChunk> pinned = Map.of();
            ManagedService.Previous target = null;
            if (back) {
                target = m.find(o.version());
                if (target == null) {
                    report.fail("rollback", o.version() == null ? "no earlier version of " + m.name + " to go back to"
                        : "no version " + o.version() + " in the history of " + m.name + " (earlier versions, newest first: " + m.versions() + ")");
                    return finish(report);
                }
                pinned = target.chunks();
            } else {
                List<String> ownFiles = oldChunks.keySet().stream().filter(f -> !runtime.isRuntimeFile(f)).toList();
                List<String> files = o.files().isEmpty() ? ownFiles : o.files();
                String unmatched = unmatched(files, oldChunks.keySet());
                if (unmatched != null) {
                    report.fail("files", unmatched + " matches no file " + m.name + " loaded (its files: " + ownFiles + ")");
                    return finish(report);
                }
                int cleared = 0;
                for (String file : files) cleared += runtime.cache().clear(file);
                report.step("cleared " + cleared + " cached file(s)");
            }
            Service fresh;
            try {
                fresh = start(m.commandLine, pinned, true);
            } catch (RuntimeException e) {
                report.fail("start new instance", e.getMessage());
                return finish(report);
            }
            String freshVersion = body(fresh).version();
            report.step("started " + Address.format(fresh.handle) + " version " + freshVersion);

            // 2. fence: messages for the name are held in arrival order from now on
            route.fence();
            report.step("fenced " + m.name);
            if (old.isDead()) { // the instance was killed or crashed: nothing to drain or hand over
                await(fresh.post(s -> body(s).releaseBackground()), o);
                route.flip(fresh);
                report.step(Address.format(old.handle) + " was gone; flipped " + m.name + " to " + Address.format(fresh.handle) + " with a fresh state");
                took(m, fresh, freshVersion, oldChunks, target, report);
                return finish(report);
            }

            // 3. drain: the old instance finishes what it took
            long deadline = System.nanoTime() + o.drainTimeout().toNanos();
            while (!old.isDrained()) {
                if (System.nanoTime() > deadline) {
                    List<String> owed = await(old.post(Service::owedRequests), o);
                    if (!o.force()) {
                        undo(route, fresh, null);
                        report.fail("drain", "after " + o.drainTimeout().toMillis() + " ms " + Address.format(old.handle) + " still owes " + owed);
                        return finish(report);
                    }
                    report.step("drain timed out, forced: replies still owed by the old instance " + owed);
                    break;
                }
                pause();
            }
            report.step("drained " + Address.format(old.handle));

            // 4. hand over: stop the old timers, snapshot, restore; any error puts everything back
            byte[] state;
            try {
                state = await(old.post(s -> {
                    s.pauseTimers();
                    return body(s).snapshot();
                }), o);
            } catch (RuntimeException e) {
                undo(route, fresh, old);
                report.fail("snapshot", e.getMessage());
                return finish(report);
            }
            int released;
            try {
                // the new instance's own forks and timers start only once restore succeeded
                released = await(fresh.post(s -> {
                    body(s).restore(state, m.version);
                    return body(s).releaseBackground();
                }), o);
            } catch (RuntimeException e) {
                undo(route, fresh, old);
                report.fail("restore", e.getMessage());
                return finish(report);
            }
            int dropped = await(old.post(Service::dropBackground), o);
            report.step("handed over " + state.length + " bytes of state; dropped " + dropped + " timer(s)/fork(s) of the old instance;"
                + " started " + released + " fork(s)/timer callback(s) the new instance made before the hand-over");

            // 5. flip, deliver what was held, retire the old instance
            int held = route.heldCount();
            route.flip(fresh);
            report.step("flipped " + m.name + " to " + Address.format(fresh.handle) + ", delivered " + held + " held message(s)");
            took(m, fresh, freshVersion, oldChunks, target, report);
            if (old.isDrained()) {
                retire(old);
                report.step("retired " + Address.format(old.handle));
            } else { // forced past the drain: the old instance finishes what it took, then goes
                retireWhenDrained(old);
                report.step(Address.format(old.handle) + " retires when its requests in flight are answered");
            }
            return finish(report);
        }
    }

    /** The new instance took over: versions and history move on (a rollback steps back, an upgrade pushes). */
    private static void took(ManagedService m, Service fresh, String freshVersion, Map<String, CompiledChunk> oldChunks,
                             ManagedService.Previous rolledBackTo, UpgradeReport report) {
        if (rolledBackTo != null) m.rolledBackTo(rolledBackTo);
        else m.upgraded(oldChunks);
        report.versions(m.version, freshVersion);
        m.current = fresh;
        m.version = freshVersion;
    }

    /** The first of {@code files} that is neither a file in {@code loaded} nor a directory holding one, or null. */
    private static String unmatched(List<String> files, java.util.Collection<String> loaded) {
        for (String file : files) {
            java.nio.file.Path p;
            try {
                p = java.nio.file.Path.of(file).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                return file;
            }
            if (loaded.stream().noneMatch(key -> java.nio.file.Path.of(key).startsWith(p))) return file;
        }
        return null;
    }

    private UpgradeReport finish(UpgradeReport report) {
        (report.ok() ? LOG.atInfo() : LOG.atWarn()).log("upgrade report:\n{}", report);
        return report;
    }

    /** Rolls back: the new instance goes, the old one gets its timers back and the held messages. */
    private void undo(Route route, Service fresh, Service old) {
        retire(fresh);
        if (old != null) old.post(s -> {
            s.resumeTimers();
            return null;
        });
        route.reopen();
    }

    /** Launches an instance and waits until its start function has returned. */
    private Service start(String commandLine, Map<String, CompiledChunk> pinned, boolean handOver) {
        Service s = runtime.launch(commandLine, pinned, handOver);
        try {
            body(s).started().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            node.kill(s.handle);
            throw new UpgradeException(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            node.kill(s.handle);
            throw new UpgradeException("start of " + commandLine + " did not finish in " + START_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.kill(s.handle);
            throw new UpgradeException("interrupted");
        }
        tellLauncher("ADOPT", s.handle, "snlua " + commandLine);
        return s;
    }

    /** Retires {@code s} once it owes nothing (its calls to others still complete), or after {@link #LINGER}. */
    private void retireWhenDrained(Service s) {
        Thread.ofVirtual().name("skynetj-retire").start(() -> {
            long deadline = System.nanoTime() + LINGER.toNanos();
            while (!s.isDrained() && !s.isDead() && System.nanoTime() < deadline) pause();
            retire(s);
        });
    }

    private void retire(Service s) {
        tellLauncher("REMOVE", s.handle, null);
        node.kill(s.handle);
    }

    /** Keeps the launcher's list (the console's {@code list}) in step with managed instances. */
    private void tellLauncher(String command, int address, String launchCommand) {
        int launcher = node.lookup(".launcher");
        if (launcher == 0) return;
        LuaValue cmd = LuaValue.valueOf(command);
        LuaValue addr = LuaValue.valueOf(address);
        byte[] msg = launchCommand == null ? Pack.pack(LuaValue.varargsOf(cmd, addr))
            : Pack.pack(LuaValue.varargsOf(cmd, addr, LuaValue.valueOf(launchCommand)));
        node.send(0, launcher, Ptype.LUA, 0, msg);
    }

    private static <T> T await(CompletableFuture<T> f, UpgradeOptions o) {
        try {
            return f.get(o.stepTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new UpgradeException(cause instanceof org.luaj.vm2.LuaError le ? messageOf(le) : String.valueOf(cause.getMessage()));
        } catch (TimeoutException e) {
            throw new UpgradeException("no answer in " + o.stepTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpgradeException("interrupted");
        }
    }

    private static String messageOf(org.luaj.vm2.LuaError e) {
        LuaValue v = e.getMessageObject();
        return v != null && !v.isnil() ? v.tojstring() : String.valueOf(e.getMessage());
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpgradeException("interrupted");
        }
    }

    private static LuaServiceBody body(Service s) {
        return (LuaServiceBody) s.body();
    }
}
