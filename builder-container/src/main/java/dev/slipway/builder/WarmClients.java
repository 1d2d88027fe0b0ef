package dev.slipway.builder;

import dev.slipway.builder.config.EnvironmentReader;
import dev.slipway.builder.threads.DaemonThreads;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 and Redis clients of a builder started ahead of its job, made while it waits for the job
 * from the endpoints it was started with (the local stack's, which do not depend on the job):
 * making them was most of a builder's time before it cloned (docs/benchmarks/deploy.md). The Redis
 * client opens and closes one connection, so the classes of a connection are loaded before the
 * first log line needs them; nothing is read or written. A job for other endpoints gets new
 * clients, and the ones made here are closed.
 */
final class WarmClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarmClients.class);

    private final @Nullable URI s3Endpoint;
    private final @Nullable String redisUrl;
    private final CompletableFuture<S3Client> s3;
    private final CompletableFuture<RedisClient> redis = new CompletableFuture<>();
    private boolean s3Taken;
    private boolean redisTaken;

    private WarmClients(@Nullable URI s3Endpoint, @Nullable String redisUrl, int s3Connections) {
        this.s3Endpoint = s3Endpoint;
        this.redisUrl = redisUrl;
        this.s3 = BuilderApp.s3ClientAhead(s3Endpoint, s3Connections);
    }

    /** Starts making the clients of {@code env}'s endpoints, each on a thread of its own. */
    static WarmClients start(Map<String, String> env, int s3Connections) {
        EnvironmentReader.ReportTargets targets = new EnvironmentReader(env).reportTargets();
        WarmClients warm =
                new WarmClients(
                        targets.s3Endpoint().orElse(null),
                        targets.redisUrl().orElse(null),
                        s3Connections);
        targets.bucket()
                .ifPresent(
                        bucket -> {
                            // One read through the new client (on its thread, as soon as it is
                            // made): the first request's code is loaded and its connection open
                            // before the build reads the project's record.
                            var warmed =
                                    warm.s3.thenAccept(
                                            client -> {
                                                try {
                                                    client.headBucket(b -> b.bucket(bucket));
                                                } catch (RuntimeException e) {
                                                    LOG.debug("The warm-up HEAD failed", e);
                                                }
                                            });
                        });
        if (warm.redisUrl == null) {
            warm.redis.completeExceptionally(new IllegalStateException("No REDIS_URL"));
        } else {
            DaemonThreads.named("redis-client-ahead")
                    .newThread(
                            () -> {
                                try {
                                    RedisClient client = BuilderApp.redisClient(warm.redisUrl);
                                    warm.redis.complete(client);
                                    try {
                                        client.connect().close();
                                    } catch (RuntimeException e) {
                                        // Redis is not up yet: the build's own connection retries.
                                        LOG.debug("The warm-up connection to Redis failed", e);
                                    }
                                } catch (Throwable e) {
                                    warm.redis.completeExceptionally(e);
                                }
                            })
                    .start();
        }
        return warm;
    }

    /**
     * The S3 client being made, for the caller to close, when the job uses the same endpoint; empty
     * otherwise.
     */
    synchronized Optional<CompletableFuture<S3Client>> takeS3(@Nullable URI endpoint) {
        if (s3Taken || !Objects.equals(endpoint, s3Endpoint)) {
            return Optional.empty();
        }
        s3Taken = true;
        return Optional.of(s3);
    }

    /**
     * The Redis client, for the caller to shut down, when the job uses the same URL and it was
     * made; empty otherwise (the caller makes its own).
     */
    synchronized Optional<RedisClient> takeRedis(String url) {
        if (redisTaken || !url.equals(redisUrl)) {
            return Optional.empty();
        }
        try {
            RedisClient client = redis.join();
            redisTaken = true;
            return Optional.of(client);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Closes the clients nobody took, once they are made. */
    @Override
    public synchronized void close() {
        if (!s3Taken) {
            s3Taken = true;
            var closing = s3.thenAccept(S3Client::close);
        }
        if (!redisTaken) {
            redisTaken = true;
            var stopping = redis.thenAccept(BuilderApp::shutdown);
        }
    }
}
