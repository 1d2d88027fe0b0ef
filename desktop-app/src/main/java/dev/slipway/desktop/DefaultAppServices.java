package dev.slipway.desktop;

import dev.slipway.awsapi.AwsService;
import dev.slipway.awsapi.SsmParameters;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.backend.AwsClients;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.backend.Backends;
import dev.slipway.desktop.deploy.DefaultDeployService;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.doctor.DefaultDoctorService;
import dev.slipway.desktop.doctor.DoctorService;
import dev.slipway.desktop.domains.DomainService;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.logs.RedisLogService;
import dev.slipway.desktop.projects.BucketProjectService;
import dev.slipway.desktop.projects.ProjectService;
import dev.slipway.desktop.projects.SiteAddresses;
import dev.slipway.desktop.promote.PromoteService;
import dev.slipway.desktop.secrets.LocalSecretStore;
import dev.slipway.desktop.secrets.SecretStore;
import dev.slipway.desktop.secrets.SsmSecretStore;
import dev.slipway.desktop.stack.ProcessStackService;
import dev.slipway.desktop.stack.StackService;
import dev.slipway.desktop.variables.BuildVariablesService;
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
    private final LocalSecretStore localSecrets;
    private final PromoteService promote;
    private final BuildVariablesService variables;
    private final DomainService domains;
    private final Map<String, String> env;
    private SsmParameters ssm;
    private AwsSettings ssmSettings;
    private SsmSecretStore ssmSecrets;

    private DefaultAppServices(
            SlipwayHome home,
            Map<String, String> env,
            Path workingDir,
            Map<String, String> processEnv) {
        this.home = home;
        this.env = env;
        this.config = new ConfigStore(home);
        this.stack =
                new ProcessStackService(
                        home, config, ProcessStackService.StackCommand.ofThisProcess());
        this.backends = new Backends(home, config, stack, env, processEnv);
        this.localSecrets = new LocalSecretStore(home);
        this.deploy =
                new DefaultDeployService(
                        backends::current,
                        env,
                        workingDir,
                        this::secretStore,
                        backends::startBuilderAhead);
        this.promote = new PromoteService(backends::current);
        this.variables = new BuildVariablesService(backends::current, this::secretStore);
        this.domains = new DomainService(backends::current);
        this.logs = new RedisLogService(backends::current, Duration.ofSeconds(60));
        this.projects = new BucketProjectService(backends::current, this::secretStore);
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
        return new DefaultAppServices(home, Map.copyOf(env), workingDir, System.getenv());
    }

    /**
     * The services for a command that another process asked for ({@code
     * dev.slipway.desktop.stackcommands}): {@code processEnv} is that process's environment, which
     * the builders it starts inherit instead of this one's.
     */
    public static DefaultAppServices create(
            SlipwayHome home,
            Map<String, String> env,
            Path workingDir,
            Map<String, String> processEnv) {
        return new DefaultAppServices(home, Map.copyOf(env), workingDir, Map.copyOf(processEnv));
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
     * The backends of the config as it is now (the app's views; the CLI goes through the service
     * interfaces).
     */
    public Backends backends() {
        return backends;
    }

    @Override
    public SiteAddresses addresses() {
        return new SiteAddresses() {
            @Override
            public String siteUrl(Slug project) {
                return backends.current().siteUrl(project);
            }

            @Override
            public String deploymentUrl(Slug project, DeploymentId id) {
                return backends.current().deploymentUrl(project, id);
            }
        };
    }

    @Override
    public DoctorService doctor() {
        return doctor;
    }

    /**
     * The store of secret build variables for a backend's mode: the owner-only file locally, SSM
     * Parameter Store under the stack's path in AWS mode (one client per AWS settings).
     */
    private synchronized SecretStore secretStore(Backend backend) {
        if (backend.config().mode() == Mode.LOCAL) {
            return localSecrets;
        }
        AwsSettings aws = backend.config().aws();
        if (ssmSecrets == null || !aws.equals(ssmSettings)) {
            closeSsm();
            ssm = new SsmParameters(new AwsClients(aws, env).api(AwsService.SSM));
            ssmSettings = aws;
            ssmSecrets = new SsmSecretStore(ssm, aws.cluster());
        }
        return ssmSecrets;
    }

    private synchronized void closeSsm() {
        if (ssm != null) {
            ssm.close();
            ssm = null;
            ssmSecrets = null;
        }
    }

    /** Makes a READY deployment (a preview) live. */
    @Override
    public PromoteService promote() {
        return promote;
    }

    /** A project's saved build variables ({@code env ls|add|rm}). */
    @Override
    public BuildVariablesService variables() {
        return variables;
    }

    /** Custom domains ({@code domains ls|add|rm}). */
    @Override
    public DomainService domains() {
        return domains;
    }

    /** See {@link Backends#connectRedisAhead}. */
    public void connectRedisAhead(boolean ahead) {
        backends.connectRedisAhead(ahead);
    }

    @Override
    public void close() {
        closeSsm();
        backends.close();
    }
}
