package io.skynetj.upgrade;

import io.skynetj.cache.CompiledChunk;
import io.skynetj.kernel.Service;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A service callers reach through a stable address (its route) while the instance behind it is
 * replaced. Keeps the code of the versions it ran before (newest first, at most {@link #VERSIONS})
 * so {@code rollback} can step back more than once. Fields change only under the object's lock,
 * during an upgrade.
 */
public final class ManagedService {
    /** How many earlier versions are kept for rollback (each holds its compiled chunks). */
    static final int VERSIONS = 8;

    final String name;
    final String commandLine;
    final Service route;
    Service current;
    String version;
    /** Earlier versions, newest first. */
    final Deque<Previous> previous = new ArrayDeque<>();

    /** An earlier version: what it declared (or its main file's hash) and its code (cache key → chunk). */
    record Previous(String version, Map<String, CompiledChunk> chunks) {}

    ManagedService(String name, String commandLine, Service route, Service current, String version) {
        this.name = name;
        this.commandLine = commandLine;
        this.route = route;
        this.current = current;
        this.version = version;
    }

    /** An upgrade took effect: the version it replaced becomes the newest earlier one. */
    void upgraded(Map<String, CompiledChunk> oldChunks) {
        previous.addFirst(new Previous(version, oldChunks));
        while (previous.size() > VERSIONS) previous.removeLast();
    }

    /** The earlier version {@code wanted} names (null: the newest), or null when there is none. */
    Previous find(String wanted) {
        for (Previous p : previous) if (wanted == null || p.version.equals(wanted)) return p;
        return null;
    }

    /** A rollback to {@code target} took effect: it and every newer earlier version leave the history. */
    void rolledBackTo(Previous target) {
        while (!previous.isEmpty() && previous.removeFirst() != target) { /* newer than the target */ }
    }

    List<String> versions() {
        List<String> v = new ArrayList<>();
        for (Previous p : previous) v.add(p.version);
        return v;
    }

    /** A consistent view for listings; {@code previousVersions} newest first. */
    public record Info(String name, int address, int instance, String command, String version, List<String> previousVersions) {
        /** The version a plain rollback brings back, or null. */
        public String previousVersion() {
            return previousVersions.isEmpty() ? null : previousVersions.getFirst();
        }
    }

    synchronized Info info() {
        return new Info(name, route.handle, current.handle, commandLine, version, versions());
    }
}
