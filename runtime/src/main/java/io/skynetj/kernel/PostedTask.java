package io.skynetj.kernel;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A task posted to a service by {@link Service#post}; it fails when the service dies before running it. */
final class PostedTask<T> implements Runnable {
    private final Service service;
    private final Function<Service, T> task;
    final CompletableFuture<T> result = new CompletableFuture<>();

    PostedTask(Service service, Function<Service, T> task) {
        this.service = service;
        this.task = task;
    }

    @Override
    public void run() {
        try {
            result.complete(task.apply(service));
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
            if (e instanceof ServiceExit) throw e;
        }
    }

    void fail() {
        result.completeExceptionally(new InvalidAddress(service.handle));
    }
}
