package dev.slipway.desktop;

import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.backend.Backends;
import dev.slipway.desktop.deploy.DefaultDeployService;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.doctor.DefaultDoctorService;
import dev.slipway.desktop.doctor.DoctorService;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.logs.RedisLogService;
import dev.slipway.desktop.projects.BucketProjectService;
import dev.slipway.desktop.projects.ProjectService;
import dev.slipway.desktop.stack.ProcessStackService;
import dev.slipway.desktop.stack.StackService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The composition root of the desktop program: every service, wired by constructor, for one {@code
 * $SLIPWAY_HOME}. The CLI and the JavaFX app both start here.
 */
public final class DefaultAppServices implements AppServices {

    private final SlipwayHome home;
    private final ConfigStore config;
    private final ProcessStackService stack;
    private final Backends backends;
    private final DeployService deploy;
    private final LogService logs;
    private final BucketProjectService projects;
    private final DoctorService doctor;

    private DefaultAppServices(SlipwayHome home, Map<String, String> env, Path workingDir) {
        this.home = home;
        this.config = new ConfigStore(home);
        this.stack =
                new ProcessStackService(
                        home, config, ProcessStackService.StackCommand.ofThisProcess());
        this.backends = new Backends(home, config, stack, env);
        this.deploy = new DefaultDeployService(backends::current, env, workingDir);
        this.logs = new RedisLogService(backends::current, Duration.ofSeconds(60));
        this.projects = new BucketProjectService(backends::current);
        this.doctor = new DefaultDoctorService(home, stack, env);
    }

    /** The services for a home, with this process's environment and working folder. */
    public static DefaultAppServices create(SlipwayHome home) {
        return create(home, System.getenv(), Path.of("").toAbsolutePath());
    }

    /**
     * The services for a home, an environment (AWS endpoints, builder jar) and a working folder.
     */
    public static DefaultAppServices create(
            SlipwayHome home, Map<String, String> env, Path workingDir) {
        return new DefaultAppServices(home, Map.copyOf(env), workingDir);
    }

    @Override
    public SlipwayHome home() {
        return home;
    }

    @Override
    public ConfigStore config() {
        return config;
    }

    @Override
    public DeployService deploy() {
        return deploy;
    }

    @Override
    public LogService logs() {
        return logs;
    }

    @Override
    public ProjectService projects() {
        return projects;
    }

    @Override
    public StackService stack() {
        return stack;
    }

    /** The local stack as a background process, for {@code up}, {@code down} and {@code doctor}. */
    public ProcessStackService localStack() {
        return stack;
    }

    /**
     * The backends of the config as it is now (the CLI's {@code list} and {@code deploy} use it).
     */
    public Backends backends() {
        return backends;
    }

    @Override
    public DoctorService doctor() {
        return doctor;
    }

    @Override
    public void close() {
        backends.close();
    }
}
