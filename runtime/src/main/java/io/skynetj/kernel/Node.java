package io.skynetj.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A skynet node: the handle table, names, the environment (config keys), timers and the logger.
 * Standalone (harbor 0): global names are kept here too.
 */
public final class Node {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final int MAX_HANDLE = 0xffffff;

    private final ConcurrentHashMap<Integer, Service> services = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> env = new ConcurrentHashMap<>();
    private final AtomicInteger lastHandle = new AtomicInteger();
    final Timers timers = new Timers();
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final long startTime = startMillis / 1000;
    private final PrintStream stdout;
    private final NodeLog log;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final List<ExitListener> exitListeners = new CopyOnWriteArrayList<>();
    private volatile int exitCode;
    /** Messages handled and CPU time of services gone, so node totals do not drop when one exits. */
    private final LongAdder retiredMessages = new LongAdder();
    private final DoubleAdder retiredCpuSeconds = new DoubleAdder();
    /** Config key mailbox_limit: one-way sends to a fuller mailbox wait for it to drain (0: never). */
    private final int mailboxLimit;
    static final int DEFAULT_MAILBOX_LIMIT = 65536;

    public Node(Map<String, String> config, PrintStream stdout, NodeLog log) {
        env.putAll(config);
        this.stdout = stdout;
        this.log = log;
        String limit = config.get("mailbox_limit");
        try {
            this.mailboxLimit = limit == null ? DEFAULT_MAILBOX_LIMIT : Math.max(0, Integer.parseInt(limit.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mailbox_limit must be a number, not '" + limit + "'");
        }
    }

    /** The mailbox length past which one-way sends from services wait (config key mailbox_limit; 0: never). */
    int mailboxLimit() {
        return mailboxLimit;
    }

    // ---------------------------------------------------------------- services

    /** Creates a service whose body is made by {@code bodyFactory}; it does nothing until started. */
    public Service newService(Function<Service, ServiceBody> bodyFactory) {
        Service s = new Service(this, allocateHandle());
        s.attach(bodyFactory.apply(s));
        return s;
    }

    private int allocateHandle() {
        for (int tries = 0; tries < MAX_HANDLE; tries++) {
            int h = lastHandle.updateAndGet(v -> v >= MAX_HANDLE ? 1 : v + 1);
            if (!services.containsKey(h)) return h;
        }
        throw new IllegalStateException("no free service address");
    }

    /** Registers and starts a service made by {@link #newService}: its first execution runs {@code job}. */
    public void start(Service s, Object job) {
        services.put(s.handle, s);
        s.start(job);
    }

    /** A stable address forwarding to {@code target} until the route is flipped (see {@link Route}). */
    public Service newRoute(Service target) {
        Service s = new Service(this, allocateHandle());
        s.routeTo(new Route(target));
        services.put(s.handle, s);
        return s;
    }

    public Service service(int handle) {
        return services.get(handle);
    }

    public List<Service> services() {
        return new ArrayList<>(services.values());
    }

    /** Posts a message; returns false when {@code dest} does not exist. */
    public boolean send(int source, int dest, int type, int session, byte[] data) {
        return post(source, dest, type, session, data) != null;
    }

    /** Posts a message; returns the service it was queued for, or null when {@code dest} does not exist. */
    Service post(int source, int dest, int type, int session, byte[] data) {
        Service s = services.get(dest);
        return s != null && s.deliver(new Message(source, session, type, data)) ? s : null;
    }

    /** Kills a service from outside (skynet.kill); returns false if it did not exist. */
    public boolean kill(int handle) {
        Service s = services.get(handle);
        if (s == null) return false;
        s.kill();
        return true;
    }

    /** skynet's signal (console {@code signal}); returns false if the service does not exist. */
    public boolean signal(int handle, int sig) {
        Service s = services.get(handle);
        if (s == null || s.body() == null) return false;
        s.body().signal(sig);
        return true;
    }

    void unregister(Service s) {
        logOff(s);
        boolean removed = services.remove(s.handle, s);
        names.values().removeIf(h -> h == s.handle);
        if (!removed) return;
        retiredMessages.add(s.messageCount());
        retiredCpuSeconds.add(s.cpuSeconds());
        for (ExitListener l : exitListeners) l.exited(s.handle);
    }

    /** Messages handled by every service since the node started, those gone included. */
    public long messagesHandled() {
        long total = retiredMessages.sum();
        for (Service s : services.values()) total += s.messageCount();
        return total;
    }

    /** CPU seconds of every service since the node started, those gone included (0 with profile = false). */
    public double cpuSeconds() {
        double total = retiredCpuSeconds.sum();
        for (Service s : services.values()) total += s.cpuSeconds();
        return total;
    }

    /**
     * skynet's LOGON: from now on every message given to service {@code handle} is appended to
     * {@code <logpath>/<handle>.log}. False when there is no such service, no logpath, or it is on already.
     */
    public boolean logOn(int handle) {
        Service s = services.get(handle);
        if (s == null || s.messageLog != null) return false;
        synchronized (s) {
            if (s.messageLog != null) return false;
            s.messageLog = MessageLog.open(this, handle);
            return s.messageLog != null;
        }
    }

    /** skynet's LOGOFF; false when the service's messages were not being logged. */
    public boolean logOff(int handle) {
        Service s = services.get(handle);
        return s != null && logOff(s);
    }

    private boolean logOff(Service s) {
        MessageLog log;
        synchronized (s) {
            log = s.messageLog;
            s.messageLog = null;
        }
        if (log != null) log.close(s.handle);
        return log != null;
    }

    /** Told when a service leaves the handle table (it exited or was killed), e.g. skynet's exit monitor. */
    public interface ExitListener {
        void exited(int handle);
    }

    public void addExitListener(ExitListener listener) {
        exitListeners.add(listener);
    }

    // ---------------------------------------------------------------- names

    /** Binds a name (".local" or global) to a handle; returns false if the name is taken. */
    public boolean register(String name, int handle) {
        return names.putIfAbsent(name, handle) == null;
    }

    /** Handle bound to a name, or 0. */
    public int lookup(String name) {
        Integer h = names.get(name);
        return h == null ? 0 : h;
    }

    public Map<String, Integer> names() {
        return Map.copyOf(names);
    }

    // ---------------------------------------------------------------- environment, time, logging

    public String getenv(String key) {
        return env.get(key);
    }

    /** Adds a key; returns false if it exists (skynet's keys are write-once). */
    public boolean setenv(String key, String value) {
        return env.putIfAbsent(key, value) == null;
    }

    /**
     * Centiseconds since the whole second the node started in ({@link #startTime}): as in skynet, it
     * starts at that second's fraction, so {@code starttime + now/100} is the wall clock.
     */
    public long now() {
        return startMillis % 1000 / 10 + (System.nanoTime() - startNanos) / 10_000_000L;
    }

    /** UTC seconds when the node started. */
    public long startTime() {
        return startTime;
    }

    public PrintStream stdout() {
        return stdout;
    }

    public void log(int source, String text) {
        log.write(source, text);
    }

    // ---------------------------------------------------------------- life of the node

    /** Retires every service and ends the node (skynet.abort). */
    public void abort(int code) {
        if (terminated.getCount() == 0) return;
        exitCode = code;
        for (Service s : services.values()) s.kill();
        timers.shutdown();
        stdout.flush();
        log.flush();
        terminated.countDown();
    }

    public boolean isRunning() {
        return terminated.getCount() != 0;
    }

    /** Blocks until the node ends; returns its exit code. */
    public int awaitTermination() throws InterruptedException {
        terminated.await();
        return exitCode;
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }
}
