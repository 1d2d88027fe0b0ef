package dev.slipway.desktop.logging;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Every thread the desktop app and the CLI make: a named daemon thread whose uncaught exception is
 * logged (to the log file, see {@link AppLog}), never lost (Cryptomator's {@code
 * CatchingExecutors}). {@link #named} is the factory of a pool, {@link #start} one thread.
 */
public final class DaemonThreads implements ThreadFactory {

    /**
     * Logs a thread's uncaught exception as an error naming the thread. The logger is looked up
     * only then: a command the local stack runs makes its thread before logging starts, and must
     * not pay for starting it (decision 0008).
     */
    public static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, e) ->
                    LoggerFactory.getLogger(DaemonThreads.class)
                            .error("Uncaught in thread {}", thread.getName(), e);

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    private DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    /** A factory of threads named {@code <prefix>-1}, {@code <prefix>-2}, … */
    public static DaemonThreads named(String prefix) {
        return new DaemonThreads(prefix);
    }

    @Override
    public Thread newThread(Runnable task) {
        return unstarted(prefix + "-" + count.incrementAndGet(), task);
    }

    /** Starts one thread called {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread t = unstarted(name, task);
        t.start();
        return t;
    }

    /** One thread called {@code name}, not started yet (a shutdown hook). */
    public static Thread unstarted(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        return t;
    }
}
