package dev.slipway.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * A real Redis (embedded-redis, a bundled Redis 6.2 binary) on a free port of 127.0.0.1, for one
 * test class, with nothing persisted. Register it as a static field:
 *
 * <pre>
 * &#64;RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();
 * </pre>
 *
 * {@link #stop()} and {@link #start()} take it away and bring it back (empty) on the same port.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private int port;
    private @Nullable RedisServer server;
    private @Nullable RedisClient client;
    private @Nullable StatefulRedisConnection<String, String> connection;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = FreePorts.next();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
        stop();
    }

    /** Starts Redis (again) on the same port. */
    public synchronized void start() throws IOException {
        if (server != null && server.isActive()) {
            return;
        }
        server =
                RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .setting("protected-mode yes")
                        .build();
        server.start();
    }

    /** Stops Redis: clients get connection errors until {@link #start()}. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, the contract's {@code REDIS_URL}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public RedisURI uri() {
        return RedisURI.create(url());
    }

    /** A Lettuce client for this server, shut down after the class. */
    public synchronized RedisClient client() {
        if (client == null) {
            client = RedisClient.create(uri());
        }
        return client;
    }

    /** A shared synchronous connection for assertions. */
    public synchronized StatefulRedisConnection<String, String> connection() {
        if (connection == null || !connection.isOpen()) {
            connection = client().connect();
        }
        return connection;
    }

    /** Empties every database, for tests that share the server. */
    public void flushAll() {
        connection().sync().flushall();
    }
}
