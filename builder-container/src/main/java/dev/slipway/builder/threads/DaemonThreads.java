package dev.slipway.builder.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread the builder makes: a named daemon thread whose uncaught exception is logged (the
 * builder's SLF4J log, its standard error), never lost, and never keeps the process alive after the
 * build has ended. {@link #named} is the factory of a pool, {@link #start} one thread, {@link
 * #unstarted} a shutdown hook. The log line holds the thread's name and the exception, nothing the
 * thread was given (no build variable or token).
 */
public final class DaemonThreads implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonThreads.class);

    /** Logs a thread's uncaught exception as an error naming the thread. */
    public static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, e) -> LOG.error("Uncaught in thread {}", thread.getName(), e);

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

    /** One thread called {@code name}, not started yet. */
    public static Thread unstarted(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        return t;
    }
}
