package io.skynetj.observer;

/**
 * What the observer shows of one service, read without stopping it (a value may be a moment old).
 *
 * @param name the service's local or global name, or "" when it has none
 * @param kind what runs it: {@code snlua}, {@code route} (a managed name's stable address), or a Java service's name
 * @param requests requests taken from the mailbox whose execution has not finished
 * @param suspended executions (coroutines) suspended in call, sleep or wait
 * @param version hash of the main Lua file it loaded ("" for a non-Lua service)
 * @param oldFiles files it loaded that have changed on disk since (0 for a non-Lua service)
 * @param sockets sockets it owns
 */
public record ServiceView(int handle, String address, String name, String kind, String command, int mailbox,
                          long messages, double cpuSeconds, int requests, int suspended, int timers, String version,
                          int files, int oldFiles, int sockets) {}
