package dev.slipway.desktop.backend;

import dev.slipway.awsapi.AwsService;
import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.launch.BuilderAhead;
import dev.slipway.desktop.launch.BuilderCommand;
import dev.slipway.desktop.launch.EcsBuildLiveness;
import dev.slipway.desktop.launch.EcsCalls;
import dev.slipway.desktop.launch.EcsLauncher;
import dev.slipway.desktop.launch.LocalLauncher;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.reconcile.EcsTaskRecords;
import dev.slipway.desktop.reconcile.LocalBuilds;
import dev.slipway.desktop.reconcile.Reconciler;
import dev.slipway.desktop.stack.ProcessStackService;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.desktop.storage.BucketStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Reads {@code config.json} at each call and hands out the {@link Backend} it points at, reusing
 * the clients while neither the config nor the local stack changed. In local mode it starts the
 * stack in the background first when it is not running.
 */
public final class Backends implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    /**
     * Seconds between two DescribeTasks while an ECS build runs (a decimal, e.g. 0.5, for tests).
     */
    public static final String ECS_POLL_ENV = "SLIPWAY_ECS_POLL_SECONDS";

    private final SlipwayHome home;
    private final ConfigStore configs;
    private final ProcessStackService stack;
    private final Map<String, String> env;
    private final Map<String, String> processEnv;
    private Object key;
    private Backend current;
    private volatile boolean redisAhead = true;
    private final Map<DeploymentId, BuilderAhead> buildersAhead = new ConcurrentHashMap<>();

    public Backends(
            SlipwayHome home,
            ConfigStore configs,
            ProcessStackService stack,
            Map<String, String> env) {
        this(home, configs, stack, env, System.getenv());
    }

    /**
     * @param env the variables Slipway reads (AWS settings, the builder's jar and options)
     * @param processEnv the environment the builders started here inherit, before their own
     *     variables: this process's, or that of the command that asked for the deploy
     */
    public Backends(
            SlipwayHome home,
            ConfigStore configs,
            ProcessStackService stack,
            Map<String, String> env,
            Map<String, String> processEnv) {
        this.home = home;
        this.configs = configs;
        this.stack = stack;
        this.env = env;
        this.processEnv = processEnv;
    }

    /**
     * Starts the builder of deployment {@code id} now, while the deploy is still being checked,
     * when this config builds on this machine and its stack runs ({@link BuilderAhead}); the local
     * launcher takes it when the deploy launches. Returns what ends it unused, to run once the
     * deploy has launched or failed (nothing then when the launcher took it). Never fails: without
     * it the launcher starts its builder itself.
     */
    public Runnable startBuilderAhead(DeploymentId id) {
        try {
            if (config().mode() != Mode.LOCAL) {
                return () -> {};
            }
            Optional<StackFile> running = stack.running();
            if (running.isEmpty() || servesAwsBucket(running.get())) {
                return () -> {};
            }
            BuilderAhead ahead =
                    BuilderAhead.start(home, running.get(), builderCommand(), processEnv, id);
            buildersAhead.put(id, ahead);
        } catch (IOException | RuntimeException e) {
            LOG.debug("No builder started ahead for {}", id, e);
            return () -> {};
        }
        return () -> {
            BuilderAhead unused = buildersAhead.remove(id);
            if (unused != null) {
                unused.discard();
            }
        };
    }

    private BuilderCommand builderCommand() {
        String java = ProcessStackService.StackCommand.ofThisProcess().javaBinary();
        return BuilderCommand.locate(env, java)
                .withClassDataSharing(home.root().resolve("cds"), env);
    }

    /**
     * Whether a new local backend opens its Redis connection while it makes the S3 client (the app,
     * deploy and logs: they all read the log); off for a command that may not use Redis.
     */
    public void connectRedisAhead(boolean ahead) {
        redisAhead = ahead;
    }

    /**
     * The config as it is now (defaults when the file is missing), with AWS_PROFILE, AWS_REGION or
     * the profile's region where it names none ({@link AwsDefaults}).
     */
    public SlipwayConfig config() {
        try {
            return AwsDefaults.apply(configs.load(), configs.file(), env);
        } catch (dev.slipway.core.config.ConfigException e) {
            throw SlipwayException.badInput(e.getMessage());
        }
    }

    /** The backend of the config as it is now, starting the local stack if needed. */
    public synchronized Backend current() {
        SlipwayConfig config = config();
        Object newKey;
        StackFile stackFile = null;
        if (config.mode() == Mode.LOCAL) {
            stackFile = stack.ensureRunningFile();
            if (servesAwsBucket(stackFile)) {
                throw SlipwayException.badInput(
                        "The stack running as process "
                                + stackFile.pid()
                                + " is AWS mode's proxy for the bucket '"
                                + stackFile.bucket()
                                + "'; stop it with 'slipway down', and the next command starts the local stack.");
            }
            newKey = List.of(config.mode(), stackFile);
        } else {
            newKey = List.of(config.mode(), config.aws(), config.baseDomain(), config.proxyPort());
        }
        if (current != null && Objects.equals(newKey, key)) {
            return current;
        }
        if (current != null) {
            current.close();
            current = null;
        }
        current = config.mode() == Mode.LOCAL ? local(config, stackFile) : aws(config);
        key = newKey;
        return current;
    }

    /**
     * Whether a config's sites are served on this machine: its base domain is {@code localhost} (or
     * under it), so no public proxy serves them and AWS mode runs the proxy here.
     */
    public static boolean servesLocally(SlipwayConfig config) {
        String domain = config.baseDomain();
        return domain.equals("localhost") || domain.endsWith(".localhost");
    }

    /** A running stack that is AWS mode's proxy: it has no local S3 server, so no access key. */
    public static boolean servesAwsBucket(StackFile stackFile) {
        return stackFile.accessKey() == null;
    }

    private Backend local(SlipwayConfig config, StackFile stackFile) {
        SlipwayConfig effective =
                new SlipwayConfig(
                        Mode.LOCAL, stackFile.baseDomain(), stackFile.proxyPort(), config.aws());
        String hint =
                "check the local stack with 'slipway doctor', or restart it with 'slipway down' then 'slipway up --detach'";
        // Redis first: its connection is made while the S3 client is.
        LogStreams streams = new LogStreams(stackFile.redisUrl(), hint);
        if (redisAhead) {
            streams.connectAhead();
        }
        try {
            S3Client s3 = localS3(stackFile);
            BucketStore bucket =
                    new BucketStore(
                            s3,
                            stackFile.bucket(),
                            "the local stack's storage at " + stackFile.s3Endpoint(),
                            hint);
            LocalBuilds builds =
                    new LocalBuilds(home, Path.of(System.getProperty("java.io.tmpdir")));
            Reconciler reconciler =
                    new Reconciler(
                            bucket, streams, List.of(builds), builds, builds, Clock.systemUTC());
            LocalLauncher launcher =
                    new LocalLauncher(
                            home,
                            stackFile,
                            streams,
                            this::builderCommand,
                            processEnv,
                            builds,
                            reconciler,
                            id -> Optional.ofNullable(buildersAhead.remove(id)));
            // The launcher first, so no exit callback uses the clients after they are closed.
            return new Backend(
                    effective,
                    bucket,
                    streams,
                    launcher,
                    reconciler,
                    List.of(launcher, streams, s3));
        } catch (RuntimeException e) {
            streams.close();
            throw e;
        }
    }

    /**
     * A client for the local stack's S3 server, with its generated access key. It sends every body
     * plain, with its SHA-256 in the signature, never {@code aws-chunked}: S3Proxy's chunk decoder
     * stops at the checksum trailer and leaves the trailer's signature unread, so Jetty answers 200
     * and closes the connection while the client is still writing that line. The client then sees
     * "Error writing request body" for a write that succeeded, on every retry when the machine is
     * busy (docs/decisions/0004-conditional-writes-on-s3proxy.md).
     */
    public static S3Client localS3(StackFile stackFile) {
        return S3Client.builder()
                .endpointOverride(URI.create(stackFile.s3Endpoint()))
                .region(Region.of(stackFile.region()))
                .forcePathStyle(true)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(
                                        stackFile.accessKey(), stackFile.secretKey())))
                .httpClient(
                        UrlConnectionHttpClient.builder()
                                .connectionTimeout(Duration.ofSeconds(5))
                                .socketTimeout(Duration.ofSeconds(30))
                                .build())
                .overrideConfiguration(
                        ClientOverrideConfiguration.builder()
                                .apiCallTimeout(Duration.ofSeconds(30))
                                .build())
                .build();
    }

    private Backend aws(SlipwayConfig config) {
        AwsSettings aws = config.aws();
        if (aws.bucket() == null || aws.bucket().isBlank()) {
            throw SlipwayException.badInput(
                    "AWS mode needs a bucket: set \"aws.bucket\" in "
                            + home.configFile()
                            + " (slipway aws init --stack creates one).");
        }
        if (aws.redisUrl() == null || aws.redisUrl().isBlank()) {
            throw SlipwayException.badInput(
                    "AWS mode needs Redis for the build logs: set \"aws.redisUrl\" in "
                            + home.configFile()
                            + " to a rediss://… URL.");
        }
        AwsClients clients = new AwsClients(aws, env);
        List<AutoCloseable> resources = new ArrayList<>();
        S3Client s3 = clients.s3();
        resources.add(s3);
        EcsCalls ecs = new EcsCalls(clients.api(AwsService.ECS));
        resources.add(ecs);
        String hint =
                "check \"aws.bucket\", \"aws.region\" and the profile '"
                        + aws.profile()
                        + "' with 'slipway doctor'";
        BucketStore bucket =
                new BucketStore(
                        s3,
                        aws.bucket(),
                        "the bucket '" + aws.bucket() + "' in " + aws.region(),
                        hint);
        LogStreams streams =
                new LogStreams(
                        aws.redisUrl(),
                        "check \"aws.redisUrl\" in config.json and that this machine may reach it");
        resources.add(0, streams);
        // The tasks this machine starts are recorded, so list, deploy, logs --follow and the app
        // end a build whose task stopped after its deploy --no-follow exited.
        EcsTaskRecords records = new EcsTaskRecords(home, aws.region(), aws.cluster());
        EcsLauncher launcher = new EcsLauncher(ecs, aws, streams, pollInterval(), records);
        EcsBuildLiveness liveness = launcher.liveness();
        Reconciler reconciler =
                new Reconciler(
                        bucket, streams, List.of(liveness), records, liveness, Clock.systemUTC());
        // First to close: its watchers stop before the clients they use.
        resources.add(0, launcher);
        Runnable serveSites = servesLocally(config) ? () -> ensureAwsProxy(config) : () -> {};
        return new Backend(config, bucket, streams, launcher, reconciler, resources, serveSites);
    }

    /**
     * Starts AWS mode's proxy on this machine in the background when it is not running (as {@code
     * slipway up --detach} does), and refuses a running stack that serves something else.
     */
    private void ensureAwsProxy(SlipwayConfig config) {
        StackFile running = stack.ensureRunningFile();
        if (!servesAwsBucket(running) || !Objects.equals(running.bucket(), config.aws().bucket())) {
            throw SlipwayException.badInput(
                    "The stack running as process "
                            + running.pid()
                            + " on port "
                            + running.proxyPort()
                            + " serves "
                            + (servesAwsBucket(running)
                                    ? "the bucket '" + running.bucket() + "'"
                                    : "local mode's sites")
                            + ", not the bucket '"
                            + config.aws().bucket()
                            + "'; stop it with 'slipway down', and the next deploy starts the proxy for this config.");
        }
    }

    private Duration pollInterval() {
        String raw = env.get(ECS_POLL_ENV);
        if (raw != null && !raw.isBlank()) {
            try {
                return Duration.ofMillis(
                        Math.max(50, (long) (Double.parseDouble(raw.trim()) * 1000)));
            } catch (NumberFormatException e) {
                throw SlipwayException.badInput(
                        ECS_POLL_ENV
                                + " must be a number of seconds such as 5, not '"
                                + raw
                                + "'.");
            }
        }
        return Duration.ofSeconds(5);
    }

    @Override
    public synchronized void close() {
        buildersAhead.values().forEach(BuilderAhead::discard);
        buildersAhead.clear();
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
