package dev.slipway.desktop.backend;

import dev.slipway.core.config.AwsSettings;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.Mode;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.launch.BuilderCommand;
import dev.slipway.desktop.launch.EcsLauncher;
import dev.slipway.desktop.launch.LocalLauncher;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.stack.ProcessStackService;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.desktop.storage.BucketStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads {@code config.json} at each call and hands out the {@link Backend} it points at, reusing
 * the clients while neither the config nor the local stack changed. In local mode it starts the
 * stack in the background first when it is not running.
 */
public final class Backends implements AutoCloseable {

    /**
     * Seconds between two DescribeTasks while an ECS build runs (a decimal, e.g. 0.5, for tests).
     */
    public static final String ECS_POLL_ENV = "SLIPWAY_ECS_POLL_SECONDS";

    private final SlipwayHome home;
    private final ConfigStore configs;
    private final ProcessStackService stack;
    private final Map<String, String> env;
    private Object key;
    private Backend current;

    public Backends(
            SlipwayHome home,
            ConfigStore configs,
            ProcessStackService stack,
            Map<String, String> env) {
        this.home = home;
        this.configs = configs;
        this.stack = stack;
        this.env = env;
    }

    /** The config as it is now (defaults when the file is missing). */
    public SlipwayConfig config() {
        try {
            return configs.load();
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

    private Backend local(SlipwayConfig config, StackFile stackFile) {
        SlipwayConfig effective =
                new SlipwayConfig(
                        Mode.LOCAL, stackFile.baseDomain(), stackFile.proxyPort(), config.aws());
        S3Client s3 = localS3(stackFile);
        String hint =
                "check the local stack with 'slipway doctor', or restart it with 'slipway down' then 'slipway up --detach'";
        BucketStore bucket =
                new BucketStore(
                        s3,
                        stackFile.bucket(),
                        "the local stack's storage at " + stackFile.s3Endpoint(),
                        hint);
        LogStreams streams = new LogStreams(stackFile.redisUrl(), hint);
        String java = ProcessStackService.StackCommand.ofThisProcess().javaBinary();
        LocalLauncher launcher =
                new LocalLauncher(
                        home,
                        stackFile,
                        streams,
                        () ->
                                BuilderCommand.locate(env, java)
                                        .withClassDataSharing(home.root().resolve("cds"), env),
                        env);
        return new Backend(effective, bucket, streams, launcher, List.of(streams, s3));
    }

    /** A client for the local stack's S3 server, with its generated access key. */
    public static S3Client localS3(StackFile stackFile) {
        return S3Client.builder()
                .endpointOverride(URI.create(stackFile.s3Endpoint()))
                .region(Region.of(stackFile.region()))
                .forcePathStyle(true)
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
        EcsClient ecs = clients.ecs();
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
        EcsLauncher launcher = new EcsLauncher(ecs, aws, streams, pollInterval());
        return new Backend(config, bucket, streams, launcher, resources);
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
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
