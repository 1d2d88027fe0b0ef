package dev.slipway.desktop.ui.task;

import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The app's task runner: a small pool of named daemon threads for the work, {@link
 * Platform#runLater} for the outcome. A callback that throws is logged, never lost.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FxTaskRunner.class.getName());

    private final ExecutorService pool;

    public FxTaskRunner(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "slipway-ui-task-" + count.incrementAndGet());
                            t.setDaemon(true);
                            t.setUncaughtExceptionHandler(
                                    (thread, e) ->
                                            LOG.log(
                                                    Level.ERROR,
                                                    "Uncaught in " + thread.getName(),
                                                    e));
                            return t;
                        });
    }

    @Override
    public <T> void run(
            String what,
            Callable<T> work,
            Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        if (pool.isShutdown()) {
            LOG.log(Level.DEBUG, "Not starting '" + what + "': the window is closing");
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
            LOG.log(Level.DEBUG, "Dropping the outcome of '" + what + "': the window is closed");
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Handling the outcome of '" + what + "' failed", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(
                        Level.WARNING,
                        "UI tasks still running after 2 s; leaving them to the JVM exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
