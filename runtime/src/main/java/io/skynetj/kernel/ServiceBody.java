package io.skynetj.kernel;

/** What a service does with its messages: the Lua bridge implements it; tests and tools may too. */
public interface ServiceBody {
    /**
     * Runs one execution (a request, a fork, a timer callback or the start-up job) on the calling
     * thread, which holds the service's baton. Returns false when it failed; the body has logged why.
     * May block through the service's blocking operations, and may throw {@link ServiceExit}.
     */
    boolean run(Execution execution);

    /** skynet's {@code signal <address> <sig>} from the console (0: interrupt the running code). */
    default void signal(int sig) {}

    /** Called once when the service is gone (exited or killed), holding the baton. */
    default void exited() {}

    /** What the console's {@code list} shows for this service (Lua services: their launch command). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
