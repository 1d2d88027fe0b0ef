package dev.slipway.builder.outcome;

import dev.slipway.core.build.ExitStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tells every step when to stop: at the build's deadline ({@code BUILD_TIMEOUT_SECONDS}) or when
 * the builder is asked to stop (SIGTERM or SIGINT). Steps call {@link #checkpoint()} between units
 * of work; the process runner also waits on {@link #awaitStop(Duration)} so it kills the build's
 * processes at once.
 */
public final class StopSignal {

    /** Why the build was stopped. */
    public enum Reason {
        /** SIGTERM: canceled, exit 143. */
        TERMINATED(ExitStatus.TERMINATED),
        /** SIGINT: canceled, exit 130. */
        INTERRUPTED(ExitStatus.INTERRUPTED);

        private final ExitStatus exit;

        Reason(ExitStatus exit) {
            this.exit = exit;
        }

        public ExitStatus exit() {
            return exit;
        }
    }

    private final Clock clock;
    private final Instant deadline;
    private final Duration timeout;
    private final List<Runnable> onStop = new ArrayList<>();
    private @Nullable Reason reason;

    public StopSignal(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
        this.deadline = clock.instant().plus(timeout);
    }

    /** Asks the build to stop; the first reason wins. Safe from a signal handler. */
    public void cancel(Reason why) {
        List<Runnable> hooks;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            notifyAll();
            hooks = new ArrayList<>(onStop);
        }
        hooks.forEach(Runnable::run);
    }

    /** Runs {@code hook} when the build is canceled (at once if it already is). */
    public void onCancel(Runnable hook) {
        boolean now;
        synchronized (this) {
            now = reason != null;
            if (!now) {
                onStop.add(hook);
            }
        }
        if (now) {
            hook.run();
        }
    }

    public synchronized @Nullable Reason reason() {
        return reason;
    }

    public synchronized boolean isCanceled() {
        return reason != null;
    }

    public boolean isPastDeadline() {
        return !clock.instant().isBefore(deadline);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Time left before the deadline (zero or more). */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Throws when the build must stop.
     *
     * @throws Stopped when canceled
     * @throws Failure (BUILD) when past the deadline
     */
    public void checkpoint() {
        Reason r = reason();
        if (r != null) {
            throw new Stopped(r);
        }
        if (isPastDeadline()) {
            throw timedOut();
        }
    }

    /** The failure for a build past its deadline. */
    public Failure timedOut() {
        return Failure.build(
                "The build took longer than "
                        + timeout.toSeconds()
                        + " s and was stopped: make it faster or raise BUILD_TIMEOUT_SECONDS.");
    }

    /** Waits until canceled or {@code max} passed; true when canceled. */
    public synchronized boolean awaitStop(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (reason == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
