package dev.slipway.desktop.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The log levels of the desktop app, the CLI and the local stack, set in code (found by logback as
 * a service) rather than read from a {@code logback.xml}: parsing the XML took a fifth of the start
 * of {@code slipway --help} (docs/benchmarks/cli.md). Levels only: the appenders are added by
 * {@link AppLog}, a file under {@code $SLIPWAY_HOME/logs} always and standard error only with the
 * CLI's {@code --debug}, so the terminal belongs to the user. Libraries log warnings, the noisiest
 * of them errors only; logback's own status messages are dropped. A {@code
 * logback.configurationFile} property or a {@code logback-test.xml} on the class path is left to
 * logback's XML configuration instead.
 */
public final class Levels extends ContextAwareBase implements Configurator {

    /** Per logger name; every other logger has the root's level, {@link #ROOT}. */
    static final Map<String, Level> LEVELS =
            Map.of(
                    "org.eclipse.jetty", Level.ERROR,
                    "org.gaul", Level.ERROR,
                    "io.netty", Level.ERROR,
                    "io.lettuce", Level.ERROR,
                    "dev.slipway", Level.INFO);

    static final Level ROOT = Level.WARN;

    /** Public and without arguments: logback makes it through {@link java.util.ServiceLoader}. */
    public Levels() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || Levels.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getStatusManager().add(new NopStatusListener());
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ROOT);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
