package dev.slipway.desktop.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.testfx.util.WaitForAsyncUtils;

/** Reads UI state on the FX thread from a test, and waits for it. */
public final class FxHelpers {
    private FxHelpers() {}

    /** The value of {@code read}, computed on the FX thread. */
    public static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Reading UI state failed", e);
        }
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    public static void waitFor(Duration timeout, Callable<Boolean> condition) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> onFx(condition));
    }
}
