package dev.slipway.desktop.cli;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.DefaultAppServices;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command needs: the home, the environment, the terminal, and the services, made on
 * first use so {@code --help} starts nothing.
 */
public final class CliContext implements AutoCloseable {

    private final SlipwayHome home;
    private final Map<String, String> env;
    private final Path workingDir;
    private final Terminal terminal;
    private DefaultAppServices services;

    public CliContext(
            SlipwayHome home, Map<String, String> env, Path workingDir, Terminal terminal) {
        this.home = home;
        this.env = env;
        this.workingDir = workingDir;
        this.terminal = terminal;
    }

    /** This process: {@code $SLIPWAY_HOME}, its environment, its folder and its terminal. */
    public static CliContext ofSystem() {
        Map<String, String> env = System.getenv();
        return new CliContext(
                SlipwayHome.fromEnvironment(env),
                env,
                Path.of("").toAbsolutePath(),
                Terminal.ofSystem(env));
    }

    public SlipwayHome home() {
        return home;
    }

    public Map<String, String> env() {
        return env;
    }

    public Terminal terminal() {
        return terminal;
    }

    public synchronized DefaultAppServices services() {
        if (services == null) {
            services = DefaultAppServices.create(home, env, workingDir);
        }
        return services;
    }

    @Override
    public synchronized void close() {
        if (services != null) {
            services.close();
            services = null;
        }
    }
}
