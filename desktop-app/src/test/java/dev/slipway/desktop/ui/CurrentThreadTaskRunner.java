package dev.slipway.desktop.ui;

import dev.slipway.desktop.ui.task.TaskRunner;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs the work and its callback at once on the calling thread, so view models test without
 * threads.
 */
public final class CurrentThreadTaskRunner implements TaskRunner {
    private int runs;

    @Override
    public <T> void run(
            String what,
            Callable<T> work,
            Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        runs++;
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    public int runs() {
        return runs;
    }
}
