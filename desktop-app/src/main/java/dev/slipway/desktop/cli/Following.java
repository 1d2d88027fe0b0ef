package dev.slipway.desktop.cli;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.logs.LogService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/** Follows a log to its terminal event, printing every event, on the calling thread's behalf. */
final class Following {

    private Following() {}

    /** Blocks until the terminal event and returns it; a log that ends without one gives null. */
    static LogEvent follow(
            LogService logs, DeploymentId id, java.util.function.Consumer<LogEvent> printer) {
        CompletableFuture<LogEvent> done = new CompletableFuture<>();
        AtomicReference<LogEvent> last = new AtomicReference<>();
        try (LogService.LogSubscription subscription =
                logs.follow(
                        id,
                        e -> {
                            printer.accept(e);
                            if (e.isTerminal()) {
                                last.compareAndSet(null, e);
                            }
                        },
                        () -> done.complete(last.get()),
                        done::completeExceptionally)) {
            LogEvent end = done.get();
            if (end == null) {
                throw SlipwayException.infrastructure(
                        "The log of "
                                + id
                                + " ended without a final status; the build may have been interrupted. Check 'slipway list'.",
                        null);
            }
            return end;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SlipwayException.infrastructure("Interrupted while following " + id + ".", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw SlipwayException.infrastructure(
                    "Following " + id + " failed: " + cause.getMessage(), cause);
        }
    }
}
