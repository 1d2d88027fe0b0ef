package dev.slipway.desktop.ui.task;

import dev.slipway.desktop.logging.DaemonThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's task runner: a small pool of named daemon threads for the work, {@link
 * Platform#runLater} for the outcome. A callback that throws is logged, never lost.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);

    private final ExecutorService pool;

    public FxTaskRunner(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("slipway-ui-task"));
    }

    @Override
    public <T> void run(
            String what,
            Callable<T> work,
            Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        if (pool.isShutdown()) {
            LOG.debug("Not starting '" + what + "': the window is closing");
            return;
        }
        pool.execute(
                () -> {
                    T result;
                    try {
                        result = work.call();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        Platform.runLater(() -> deliver(what, () -> onFailure.accept(e)));
                        return;
                    } catch (Exception | Error e) {
                        Platform.runLater(() -> deliver(what, () -> onFailure.accept(e)));
                        return;
                    }
                    Platform.runLater(() -> deliver(what, () -> onSuccess.accept(result)));
                });
    }

    private void deliver(String what, Runnable callback) {
        if (pool.isShutdown()) {
            LOG.debug("Dropping the outcome of '" + what + "': the window is closed");
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("Handling the outcome of '" + what + "' failed", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("UI tasks still running after 2 s; leaving them to the JVM exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
