package dev.slipway.builder;

import dev.slipway.builder.config.BuildConfig;
import dev.slipway.builder.config.EnvironmentReader;
import dev.slipway.builder.config.InvalidConfigException;
import dev.slipway.builder.config.ToolchainSettings;
import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.ending.EndStep;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.ConsoleLog;
import dev.slipway.builder.logstream.LogArchive;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.RedisLogPublisher;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.pipeline.BuildOutcome;
import dev.slipway.builder.pipeline.BuildPipeline;
import dev.slipway.builder.project.ProjectStore;
import dev.slipway.builder.project.RedisProjectNotifier;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.S3Clients;
import dev.slipway.builder.storage.StorageException;
import dev.slipway.builder.threads.DaemonThreads;
import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.Slug;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The builder's composition root: makes the clients and listeners from the environment, wires the
 * pipeline ({@link BuildContext}), runs it, and ends it with the {@link EndStep} (the log's last
 * lines, the terminal status, the archive); reports bad input. The only place that knows Redis, S3
 * and the pipeline all at once.
 */
public final class BuilderApp {

    private static final Logger LOG = LoggerFactory.getLogger(BuilderApp.class);

    /** The commands' {@code PATH} when the builder was started without one. */
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Map<String, String> env;
    private final Clock clock;
    private final Writer console;
    private final BuilderSettings settings;
    private final PrintStream errors;
    private final @Nullable WarmClients warm;
    private @Nullable StopSignal stop;
    private StopSignal.@Nullable Reason earlyCancel;

    /**
     * @param console where the build's log lines go (the process's standard output)
     * @param errors where the builder's own errors go, beside the log (its standard error)
     */
    public BuilderApp(
            Map<String, String> env,
            Clock clock,
            Writer console,
            PrintStream errors,
            BuilderSettings settings) {
        this(env, clock, console, errors, settings, null);
    }

    /**
     * @param warm clients made while the builder waited for its job (null: none); the build takes
     *     those for its own endpoints, and the rest are closed
     */
    BuilderApp(
            Map<String, String> env,
            Clock clock,
            Writer console,
            PrintStream errors,
            BuilderSettings settings,
            @Nullable WarmClients warm) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.console = console;
        this.errors = errors;
        this.settings = settings;
        this.warm = warm;
    }

    /** Cancels the build (from a signal handler): it ends CANCELED with exit 143 or 130. */
    public void cancel(StopSignal.Reason reason) {
        StopSignal s;
        synchronized (this) {
            s = stop;
            if (s == null) {
                earlyCancel = reason;
                return;
            }
        }
        s.cancel(reason);
    }

    /** Runs the build; returns the exit status. */
    public int run() {
        try {
            return build();
        } finally {
            if (warm != null) {
                warm.close();
            }
        }
    }

    private int build() {
        EnvironmentReader reader = new EnvironmentReader(env);
        BuildConfig config;
        try {
            config = reader.read();
        } catch (InvalidConfigException e) {
            return reportBadInput(
                    reader.reportTargets(),
                    Objects.requireNonNullElse(
                            e.getMessage(), "The builder's environment is not valid."));
        }
        StopSignal signal = new StopSignal(clock, config.buildTimeout());
        synchronized (this) {
            stop = signal;
            if (earlyCancel != null) {
                signal.cancel(earlyCancel);
            }
        }
        Path work = createWorkDirectory(config.deploymentId().value());
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        settings.uploadParallelism(), DaemonThreads.named("upload"));
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("console-flush"));
        // The S3 client is made while Redis connects and the first lines go out: the SDK's set-up
        // was most of the time before cloning (docs/benchmarks/deploy.md). A builder started
        // ahead of its job made both while it waited.
        CompletableFuture<S3Client> s3Ahead =
                warm == null ? null : warm.takeS3(config.s3Endpoint()).orElse(null);
        if (s3Ahead == null) {
            s3Ahead = s3ClientAhead(config.s3Endpoint(), settings.uploadParallelism() + 4);
        }
        RedisClient redis =
                Optional.ofNullable(warm)
                        .flatMap(w -> w.takeRedis(config.redisUrl()))
                        .orElseGet(() -> redisClient(config.redisUrl()));
        S3Client s3 = null;
        try {
            SecretMasker masker = new SecretMasker(secrets(config));
            LogArchive archive = new LogArchive(work.resolve("log.ndjson"));
            ConsoleLog consoleLog = new ConsoleLog(console);
            var flushing =
                    ticker.scheduleAtFixedRate(
                            consoleLog::flushIfStale, 250, 250, TimeUnit.MILLISECONDS);
            RedisLogPublisher publisher =
                    new RedisLogPublisher(
                            redis, config.deploymentId(), settings.maxPendingEvents());
            BuildLog log = new BuildLog(clock, masker, List.of(publisher, archive, consoleLog));
            log.info(
                    Phase.CLONE,
                    "Slipway builder: deployment "
                            + config.deploymentId()
                            + " of project "
                            + config.project());

            BuildOutcome outcome;
            @Nullable Bucket bucket;
            try {
                s3 = made(s3Ahead);
                bucket = new Bucket(s3, config.bucket());
                BuildContext context =
                        new BuildContext(
                                config,
                                work,
                                log,
                                signal,
                                clock,
                                settings.buildUser(),
                                env.getOrDefault("PATH", DEFAULT_PATH),
                                settings.killGrace(),
                                ToolchainSettings.from(env),
                                bucket,
                                new ProjectStore(bucket),
                                new RedisProjectNotifier(redis),
                                new BuildContext.Uploads(
                                        pool, settings.uploadParallelism(), settings.limits()));
                outcome = new BuildPipeline(context).run();
            } catch (StorageException e) {
                LOG.error("Cannot make the S3 client", e);
                outcome =
                        BuildOutcome.failed(
                                ExitStatus.INFRASTRUCTURE,
                                Objects.requireNonNullElse(
                                        e.getMessage(), "The S3 client could not be made."));
                bucket = null;
            }
            return new EndStep(
                            log,
                            publisher,
                            archive,
                            consoleLog,
                            bucket,
                            config.project(),
                            config.deploymentId(),
                            settings.redisFinalWait(),
                            errors)
                    .end(outcome, config.siteUrl())
                    .exitCode();
        } finally {
            pool.shutdownNow();
            ticker.shutdownNow();
            if (s3 != null) {
                s3.close();
            } else if (!s3Ahead.isCompletedExceptionally()) {
                // Not taken (the build ended before): it is made without the network, soon.
                try {
                    s3Ahead.join().close();
                } catch (RuntimeException e) {
                    LOG.debug("The unused S3 client could not be closed", e);
                }
            }
            shutdown(redis);
            deleteRecursively(work);
        }
    }

    /** Starts making an S3 client on a thread of its own. */
    static CompletableFuture<S3Client> s3ClientAhead(
            java.net.@Nullable URI endpoint, int connections) {
        CompletableFuture<S3Client> s3 = new CompletableFuture<>();
        DaemonThreads.named("s3-client")
                .newThread(
                        () -> {
                            try {
                                s3.complete(S3Clients.create(endpoint, connections));
                            } catch (Throwable e) {
                                // Errors too: a future never completed would hang the build.
                                s3.completeExceptionally(e);
                            }
                        })
                .start();
        return s3;
    }

    /** The client made by the thread started above, waited for; its failure as thrown there. */
    private static S3Client made(CompletableFuture<S3Client> s3Ahead) {
        try {
            return s3Ahead.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    static void shutdown(RedisClient redis) {
        ClientResources resources = redis.getResources();
        redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        var stopping = resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /**
     * Bad input: exit 2, with a FAILED status saying what to set wherever that can still be
     * written: the deployment's own stream, manifest and archive, when their names are valid.
     */
    private int reportBadInput(EnvironmentReader.ReportTargets targets, String message) {
        errors.println("error: " + message);
        Optional<DeploymentId> id = targets.deploymentId();
        if (id.isEmpty()) {
            return ExitStatus.BAD_INPUT.exitCode();
        }
        Path work = createWorkDirectory(id.get().value());
        RedisClient redis = targets.redisUrl().map(BuilderApp::redisClient).orElse(null);
        S3Client s3 = null;
        try {
            LogArchive archive = new LogArchive(work.resolve("log.ndjson"));
            ConsoleLog consoleLog = new ConsoleLog(console);
            RedisLogPublisher publisher =
                    redis == null ? null : new RedisLogPublisher(redis, id.get(), 1000);
            List<LogListener> listeners = new ArrayList<>(List.of(archive, consoleLog));
            if (publisher != null) {
                listeners.add(publisher);
            }
            BuildLog log = new BuildLog(clock, SecretMasker.none(), listeners);
            log.failed(message);
            if (publisher != null) {
                publisher.close(settings.redisFinalWait());
            }
            archive.close();
            consoleLog.close();
            if (targets.project().isPresent() && targets.bucket().isPresent()) {
                try {
                    s3 = S3Clients.create(targets.s3Endpoint().orElse(null), 2);
                    Bucket bucket = new Bucket(s3, targets.bucket().get());
                    Slug project = targets.project().get();
                    new ProjectStore(bucket)
                            .writeManifest(
                                    new Manifest(
                                            project.value(),
                                            id.get().value(),
                                            DeploymentStatus.FAILED,
                                            null,
                                            BuildVariable.GIT_REF.get(env),
                                            null,
                                            null,
                                            id.get().createdAt(),
                                            clock.instant(),
                                            null,
                                            null,
                                            message,
                                            Map.of()));
                    EndStep.upload(bucket, archive, project, id.get(), errors);
                } catch (StorageException e) {
                    errors.println("error: cannot write the FAILED manifest: " + e.getMessage());
                }
            }
        } finally {
            if (s3 != null) {
                s3.close();
            }
            if (redis != null) {
                shutdown(redis);
            }
            deleteRecursively(work);
        }
        return ExitStatus.BAD_INPUT.exitCode();
    }

    static RedisClient redisClient(String url) {
        // Reconnect quickly when Redis comes back: the default backoff grows to 30 s.
        ClientResources resources =
                DefaultClientResources.builder()
                        .ioThreadPoolSize(2)
                        .computationThreadPoolSize(2)
                        .reconnectDelay(
                                Delay.exponential(
                                        Duration.ofMillis(100),
                                        Duration.ofSeconds(2),
                                        2,
                                        TimeUnit.MILLISECONDS))
                        .build();
        RedisClient client = RedisClient.create(resources, RedisURI.create(url));
        client.setOptions(
                ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(
                                SocketOptions.builder()
                                        .connectTimeout(Duration.ofSeconds(2))
                                        .build())
                        .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                        .build());
        return client;
    }

    private List<String> secrets(BuildConfig config) {
        List<String> values = new ArrayList<>();
        values.add(config.gitToken());
        values.add(env.get("AWS_SECRET_ACCESS_KEY"));
        values.add(env.get("AWS_SESSION_TOKEN"));
        values.addAll(config.options().secrets().values());
        try {
            String userInfo = java.net.URI.create(config.redisUrl()).getUserInfo();
            if (userInfo != null) {
                values.add(userInfo.substring(userInfo.indexOf(':') + 1));
            }
        } catch (IllegalArgumentException e) {
            // A password with characters a URI does not allow: Lettuce parsed it; nothing to mask
            // here.
            LOG.debug("REDIS_URL is not a plain URI", e);
        }
        return values;
    }

    /**
     * The build's working folder, {@code slipway-build-<deploymentId>-…} in the temporary folder,
     * so a launcher that finds the builder dead can remove it.
     */
    private Path createWorkDirectory(String deploymentId) {
        try {
            Path dir = Files.createTempDirectory("slipway-build-" + deploymentId + "-");
            if (settings.buildUser().name().isPresent()) {
                // The build user must reach the folders inside it (which it owns), not list it.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the build's working folder in "
                            + System.getProperty("java.io.tmpdir"),
                    e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    LOG.debug("Cannot delete {}", p, e);
                                }
                            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot remove the working folder {}: {}", dir, e.getMessage());
        }
    }
}
