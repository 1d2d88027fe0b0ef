package dev.slipway.desktop.cli;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.AppServices;
import dev.slipway.desktop.DefaultAppServices;
import dev.slipway.desktop.logging.DaemonThreads;
import dev.slipway.desktop.stack.ProcessStackService;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What every command needs: the home, the environment, the terminal, and the services, made on
 * first use so {@code --help} starts nothing.
 */
public final class CliContext implements AutoCloseable {

    private final SlipwayHome home;
    private final Map<String, String> env;
    private final Path workingDir;
    private final Terminal terminal;
    private final Function<CliContext, AppServices> makeServices;
    private AppServices services;
    private volatile boolean json;
    private volatile boolean verbose;
    private volatile boolean redisAhead;
    private volatile Function<Runnable, Runnable> interrupts = CliContext::shutdownHook;

    public CliContext(
            SlipwayHome home, Map<String, String> env, Path workingDir, Terminal terminal) {
        this(
                home,
                env,
                workingDir,
                terminal,
                c -> DefaultAppServices.create(c.home, c.env, c.workingDir));
    }

    /** A context whose commands use {@code services} (tests: the in-memory services). */
    public CliContext(
            SlipwayHome home,
            Map<String, String> env,
            Path workingDir,
            Terminal terminal,
            Function<CliContext, AppServices> services) {
        this.home = home;
        this.env = env;
        this.workingDir = workingDir;
        this.terminal = terminal;
        this.makeServices = services;
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

    /** {@code $HOME} when it is set, else the account's home folder (the passwd entry). */
    public static String userHome(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() ? home : System.getProperty("user.home");
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

    /** The folder the command runs in (linking, relative paths). */
    public Path workingDir() {
        return workingDir;
    }

    /** Whether {@code --json} was given: one JSON document on stdout (events per line for logs). */
    public boolean json() {
        return json;
    }

    void json(boolean value) {
        json = value;
    }

    /** Whether {@code -v/--verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    void verbose(boolean value) {
        verbose = value;
    }

    /**
     * Whether the command reads the build log (deploy, logs), so its Redis connection is opened
     * while the S3 client is made; {@code list} and the rest would pay for a connection they do not
     * always use (docs/benchmarks/cli.md).
     */
    void redisAhead(boolean value) {
        redisAhead = value;
    }

    /**
     * Runs {@code action} if the user stops the command (Ctrl-C) before the returned runnable is
     * run, which forgets it. In this process that is a shutdown hook; a command run by the local
     * stack for another process is told by that process ({@link #useInterrupts}).
     */
    public Runnable onInterrupt(Runnable action) {
        return interrupts.apply(action);
    }

    /** How {@link #onInterrupt} learns that the command was stopped. */
    public void useInterrupts(Function<Runnable, Runnable> interrupts) {
        this.interrupts = interrupts;
    }

    private static Runnable shutdownHook(Runnable action) {
        Thread hook = DaemonThreads.unstarted("slipway-interrupt-hint", action);
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting (Ctrl-C): the hook is running, which is what it is for.
            }
        };
    }

    /** The services every command goes through, made at first use. */
    public synchronized AppServices services() {
        if (services == null) {
            services = makeServices.apply(this);
            if (services instanceof DefaultAppServices local) {
                local.connectRedisAhead(redisAhead);
            }
        }
        return services;
    }

    /**
     * The local stack as this machine's background process: {@code up} and {@code down} start and
     * stop it, which no other implementation of {@link AppServices#stack()} can stand in for.
     */
    public ProcessStackService localStack() {
        if (services() instanceof DefaultAppServices local) {
            return local.localStack();
        }
        throw new IllegalStateException("up and down need this machine's own services");
    }

    @Override
    public synchronized void close() {
        if (services != null) {
            // A command stopped by an interrupt still closes its clients whole (Lettuce's
            // shutdown waits): the flag is put back afterwards.
            boolean interrupted = Thread.interrupted();
            try {
                services.close();
            } finally {
                services = null;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
