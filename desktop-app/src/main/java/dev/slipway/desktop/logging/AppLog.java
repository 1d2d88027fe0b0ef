package dev.slipway.desktop.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import dev.slipway.core.config.SlipwayHome;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's and the CLI's one logging path: SLF4J, written by logback to a file per day
 * under {@code $SLIPWAY_HOME/logs} (seven days kept), and also to standard error with the CLI's
 * {@code --debug}. Several Slipway processes may run at once (the app, a command, the detached
 * local stack), so the file is written in logback's prudent mode (a lock per write). Levels per
 * library are set by {@link Levels}, which adds no appender: nothing reaches the terminal unless
 * asked for.
 */
public final class AppLog {

    /** The log folder's name under {@code $SLIPWAY_HOME}. */
    public static final String FOLDER = "logs";

    private static final String FILE_APPENDER = "slipway-file";
    private static final String STDERR_APPENDER = "slipway-stderr";
    private static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36}: %msg%n";

    private AppLog() {}

    /** Where the log files are: {@code $SLIPWAY_HOME/logs}. */
    public static Path folder(SlipwayHome home) {
        return home.root().resolve(FOLDER);
    }

    /**
     * Sends every later log event to today's file in {@link #folder}, and makes a thread's uncaught
     * exception an error there (the JavaFX thread's too). Calling it again moves the file.
     */
    public static synchronized void toFile(SlipwayHome home) {
        LoggerContext context = context();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        detach(root, FILE_APPENDER);
        OnFirstEvent file = new OnFirstEvent(() -> dailyFile(context, home));
        file.setContext(context);
        file.setName(FILE_APPENDER);
        file.start();
        root.addAppender(file);
        Thread.setDefaultUncaughtExceptionHandler(DaemonThreads.LOG_UNCAUGHT);
    }

    /** Today's file in {@link #folder}, seven days kept, shared by every Slipway process. */
    private static Appender<ILoggingEvent> dailyFile(LoggerContext context, SlipwayHome home) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName(FILE_APPENDER);
        file.setPrudent(true);
        TimeBasedRollingPolicy<ILoggingEvent> daily = new TimeBasedRollingPolicy<>();
        daily.setContext(context);
        daily.setParent(file);
        daily.setFileNamePattern(folder(home).resolve("slipway-%d{yyyy-MM-dd}.log").toString());
        daily.setMaxHistory(7);
        daily.start();
        file.setRollingPolicy(daily);
        file.setEncoder(encoder(context));
        file.start();
        return file;
    }

    /**
     * An appender that makes the real one when the first event comes: most commands log nothing,
     * and setting up the rolling file (its policy, its folder, the lock) was a tenth of the start
     * of {@code slipway logs} (docs/benchmarks/cli.md).
     */
    private static final class OnFirstEvent extends AppenderBase<ILoggingEvent> {
        private final java.util.function.Supplier<Appender<ILoggingEvent>> make;
        private Appender<ILoggingEvent> made;

        OnFirstEvent(java.util.function.Supplier<Appender<ILoggingEvent>> make) {
            this.make = make;
        }

        @Override
        protected void append(ILoggingEvent event) {
            // AppenderBase.doAppend holds this appender's lock: one thread makes the file.
            if (made == null) {
                made = make.get();
            }
            made.doAppend(event);
        }

        @Override
        public void stop() {
            super.stop();
            if (made != null) {
                made.stop();
            }
        }
    }

    /** Stops writing the log file (a test that called {@link #toFile}). */
    public static synchronized void closeFile() {
        detach(context().getLogger(Logger.ROOT_LOGGER_NAME), FILE_APPENDER);
    }

    /**
     * The CLI's {@code --debug}: Slipway's own debug messages, and every library's warnings, also
     * on the command's error stream, until {@link #endDebug}.
     */
    public static synchronized void debugTo(OutputStream err) {
        LoggerContext context = context();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        detach(root, STDERR_APPENDER);
        OutputStreamAppender<ILoggingEvent> stderr = new OutputStreamAppender<>();
        stderr.setContext(context);
        stderr.setName(STDERR_APPENDER);
        stderr.setEncoder(encoder(context));
        // Stopping the appender closes its stream: the terminal's must stay open.
        stderr.setOutputStream(
                new FilterOutputStream(err) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
        stderr.start();
        root.addAppender(stderr);
        context.getLogger("dev.slipway").setLevel(Level.DEBUG);
    }

    /** Ends {@link #debugTo}: the error stream gets no more log messages. */
    public static synchronized void endDebug() {
        LoggerContext context = context();
        detach(context.getLogger(Logger.ROOT_LOGGER_NAME), STDERR_APPENDER);
        context.getLogger("dev.slipway").setLevel(Level.INFO);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static void detach(ch.qos.logback.classic.Logger root, String name) {
        Appender<ILoggingEvent> old = root.getAppender(name);
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
    }

    private static LoggerContext context() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            return context;
        }
        throw new IllegalStateException(
                "SLF4J is not bound to logback; slipway.jar must carry logback-classic");
    }
}
