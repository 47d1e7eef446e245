package io.skynetj.upgrade;

import io.skynetj.cache.CompiledChunk;
import io.skynetj.kernel.Service;
import java.util.Map;

/**
 * A service callers reach through a stable address (its route) while the instance behind it is
 * replaced. Keeps the code of the previous instance so {@code rollback} can bring it back. Fields
 * change only under the object's lock, during an upgrade.
 */
public final class ManagedService {
    final String name;
    final String commandLine;
    final Service route;
    Service current;
    String version;
    /** The previous instance's code (cache key → chunk) and version, or null before the first upgrade. */
    Map<String, CompiledChunk> previousChunks;
    String previousVersion;

    ManagedService(String name, String commandLine, Service route, Service current, String version) {
        this.name = name;
        this.commandLine = commandLine;
        this.route = route;
        this.current = current;
        this.version = version;
    }

    /** A consistent view for listings. */
    public record Info(String name, int address, int instance, String command, String version, String previousVersion) {}

    synchronized Info info() {
        return new Info(name, route.handle, current.handle, commandLine, version, previousVersion);
    }
}
