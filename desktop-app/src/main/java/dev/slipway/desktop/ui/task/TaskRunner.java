package dev.slipway.desktop.ui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking service calls off the UI thread and hands their outcome back on it. ViewModels call
 * services only through this, so tests can run them on the calling thread instead.
 */
public interface TaskRunner {

    /**
     * Runs {@code work} in the background; then {@code onSuccess} with its result or {@code
     * onFailure} with what it threw, on the UI thread. Exactly one of the two is called.
     *
     * @param what a few words naming the work, for the log and thread names
     */
    <T> void run(
            String what,
            Callable<T> work,
            Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure);

    /** {@link #run(String, Callable, Consumer, Consumer)} for work without a result. */
    default void run(String what, Action work, Runnable onSuccess, Consumer<Throwable> onFailure) {
        run(
                what,
                () -> {
                    work.run();
                    return Boolean.TRUE;
                },
                ignored -> onSuccess.run(),
                onFailure);
    }

    /** Work without a result that may throw. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }
}
