package dev.slipway.proxy.cache;

import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.Slug;
import dev.slipway.proxy.metrics.ProxyMetrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code slipway:projects} and drops the live pointer of each slug published there.
 * Connecting never blocks the server: it happens on the scheduler, retried until Redis answers;
 * after that Lettuce reconnects and resubscribes by itself. While no subscription is live, {@link
 * #isSubscribed()} is false and the pointer cache falls back to its short time-to-live; when the
 * subscription comes back every pointer is refreshed, as messages may have been missed.
 */
public final class ProjectEventsSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectEventsSubscriber.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ProjectChanges changes;
    private final ProxyMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean subscribed;
    private volatile boolean closed;
    private volatile boolean warnedDown;

    public ProjectEventsSubscriber(
            String redisUrl,
            ProjectChanges changes,
            ProxyMetrics metrics,
            ScheduledExecutorService scheduler) {
        this.changes = changes;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.resources =
                ClientResources.builder()
                        .ioThreadPoolSize(1)
                        .computationThreadPoolSize(1)
                        .reconnectDelay(Delay.constant(RETRY))
                        .build();
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(Duration.ofSeconds(5));
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true).build());
        metrics.redisSubscribed(this::isSubscribed);
    }

    /** Starts connecting in the background. */
    public void start() {
        scheduler.execute(this::connect);
    }

    /** Whether pointer invalidations are arriving right now. */
    public boolean isSubscribed() {
        return subscribed;
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
            c.addListener(
                    new RedisPubSubAdapter<>() {
                        @Override
                        public void message(String channel, String message) {
                            onMessage(message);
                        }

                        @Override
                        public void subscribed(String channel, long count) {
                            onSubscribed();
                        }
                    });
            c.addListener(
                    new RedisConnectionStateListener() {
                        @Override
                        public void onRedisConnected(
                                RedisChannelHandler<?, ?> handler, SocketAddress address) {}

                        @Override
                        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                            if (subscribed) {
                                log.warn(
                                        "Lost the Redis subscription to {}; pointers now expire after a short time until it is back",
                                        LogProtocol.PROJECTS_CHANNEL);
                            }
                            subscribed = false;
                        }
                    });
            connection = c;
            c.sync().subscribe(LogProtocol.PROJECTS_CHANNEL);
        } catch (RuntimeException e) {
            if (!warnedDown) {
                warnedDown = true;
                log.warn(
                        "Redis is not reachable ({}); retrying every {} s, pointers expire after a short time meanwhile",
                        e.getMessage(),
                        RETRY.toSeconds());
            }
            if (!closed) {
                var retry =
                        scheduler.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void onSubscribed() {
        boolean wasDown = !subscribed;
        subscribed = true;
        warnedDown = false;
        if (wasDown) {
            log.info(
                    "Subscribed to {}: live pointers are dropped as soon as a project changes",
                    LogProtocol.PROJECTS_CHANNEL);
            changes.mayHaveMissed();
        }
    }

    private void onMessage(String message) {
        String slug = message == null ? "" : message.trim();
        if (Slug.isValid(slug)) {
            changes.changed(Slug.of(slug));
            metrics.invalidation();
        } else {
            log.warn(
                    "Ignored a message on {} that is not a project slug",
                    LogProtocol.PROJECTS_CHANNEL);
        }
    }

    @Override
    public void close() {
        closed = true;
        subscribed = false;
        StatefulRedisPubSubConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        var stopping = resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
