package dev.slipway.desktop.stack;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.proxy.ProxyConfig;
import dev.slipway.proxy.ProxyServer;
import dev.slipway.s3server.AtomicConditionalBlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The local stack, running in this process: an S3-compatible server (S3Proxy) with its data under
 * {@code $SLIPWAY_HOME/data/s3}, an embedded Redis, and the proxy on {@code proxyPort}, all bound
 * to 127.0.0.1. S3 and Redis take free ports and a fresh access key at each start; {@code
 * stack.json} tells the other processes where they are.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /**
     * The options of a JVM that runs the stack ({@code ./slipway up} passes the same): a capped
     * heap for S3Proxy, the proxy and the Redis client, and the serial collector (a few threads,
     * one user: the smallest footprint). Without a cap the background stack grew towards a quarter
     * of the RAM.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    /**
     * The proxy's cache in the local stack: one person's sites, read from S3Proxy on the same disk,
     * need far less than a shared proxy's default, and the cache's direct memory or mapped files
     * come on top of the heap.
     */
    public static final long PROXY_CACHE_MAX_BYTES = 64L * 1024 * 1024;

    private final SlipwayHome home;
    private final StackFile file;
    private final BlobStore blobStore;
    private final S3Proxy s3;
    private final RedisServer redis;
    private final ProxyServer proxy;

    private LocalStack(
            SlipwayHome home,
            StackFile file,
            BlobStore blobStore,
            S3Proxy s3,
            RedisServer redis,
            ProxyServer proxy) {
        this.home = home;
        this.file = file;
        this.blobStore = blobStore;
        this.s3 = s3;
        this.redis = redis;
        this.proxy = proxy;
    }

    /**
     * Starts the three servers and writes {@code stack.json}; on any failure stops what started.
     *
     * @throws SlipwayException naming a taken port and how to change it
     */
    public static LocalStack start(SlipwayHome home, SlipwayConfig config) {
        int proxyPort = config.proxyPort();
        if (!Ports.isFree(proxyPort)) {
            throw SlipwayException.badInput(Ports.takenMessage(proxyPort, home.configFile()));
        }
        SecureRandom random = new SecureRandom();
        String accessKey = "slipway-" + hex(random, 8);
        String secretKey = hex(random, 24);
        String redisPassword = hex(random, 24);
        BlobStore blobStore = null;
        S3Proxy s3 = null;
        RedisServer redis = null;
        try {
            Path s3Dir = home.dataDir().resolve("s3");
            Files.createDirectories(s3Dir);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", s3Dir.toString());
            properties.setProperty("jclouds.identity", accessKey);
            properties.setProperty("jclouds.credential", secretKey);
            blobStore = BlobStores.create("filesystem", properties);
            if (!blobStore.containerExists(StackFile.LOCAL_BUCKET)) {
                blobStore.createContainer(StackFile.LOCAL_BUCKET);
            }
            int s3Port = Ports.ephemeral();
            URI s3Endpoint = URI.create("http://127.0.0.1:" + s3Port);
            s3 =
                    S3Proxy.builder()
                            .blobStore(new AtomicConditionalBlobStore(blobStore))
                            .awsAuthentication(
                                    AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                            .endpoint(s3Endpoint)
                            .ignoreUnknownHeaders(true)
                            .stopTimeout(0)
                            .build();
            s3.start();
            awaitStarted(s3);

            int redisPort = Ports.ephemeral();
            // The streams persist under $SLIPWAY_HOME/data/redis (append-only file, fsync every
            // second), so restarting the stack keeps the logs of builds that were running.
            Path redisDir = home.dataDir().resolve("redis");
            Files.createDirectories(redisDir);
            redis =
                    RedisServer.newRedisServer()
                            .port(redisPort)
                            .bind("127.0.0.1")
                            .setting("dir \"" + redisDir.toAbsolutePath() + "\"")
                            .setting("save \"\"")
                            .setting("appendonly yes")
                            .setting("appendfsync everysec")
                            .setting("requirepass " + redisPassword)
                            .build();
            redis.start();
            String redisUrl = "redis://:" + redisPassword + "@127.0.0.1:" + redisPort;

            ProxyConfig proxyConfig =
                    new ProxyConfig(
                            proxyPort,
                            "127.0.0.1",
                            config.baseDomain(),
                            StackFile.LOCAL_BUCKET,
                            s3Endpoint,
                            StackFile.LOCAL_REGION,
                            redisUrl,
                            PROXY_CACHE_MAX_BYTES);
            ProxyServer proxy =
                    ProxyServer.start(
                            proxyConfig,
                            StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create(accessKey, secretKey)));

            StackFile file =
                    new StackFile(
                            ProcessHandle.current().pid(),
                            Instant.now(),
                            s3Endpoint.toString(),
                            redisUrl,
                            proxy.port(),
                            config.baseDomain(),
                            StackFile.LOCAL_BUCKET,
                            StackFile.LOCAL_REGION,
                            accessKey,
                            secretKey);
            file.write(home.stackFile());
            return new LocalStack(home, file, blobStore, s3, redis, proxy);
        } catch (SlipwayException e) {
            stopQuietly(s3, redis, blobStore);
            throw e;
        } catch (Exception e) {
            stopQuietly(s3, redis, blobStore);
            if (!Ports.isFree(proxyPort) && isBindFailure(e)) {
                throw SlipwayException.badInput(Ports.takenMessage(proxyPort, home.configFile()));
            }
            throw SlipwayException.infrastructure(
                    "The local stack could not start ("
                            + e.getMessage()
                            + "); check that "
                            + home.root()
                            + " is writable and run 'slipway up' again.",
                    e);
        }
    }

    public StackFile file() {
        return file;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private static void awaitStarted(S3Proxy s3) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"STARTED".equals(s3.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the S3 server did not start: " + s3.getState());
            }
            Thread.sleep(5);
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void stopQuietly(S3Proxy s3, RedisServer redis, BlobStore blobStore) {
        try {
            if (s3 != null) {
                s3.stop();
            }
        } catch (Exception e) {
            LOG.warn("Stopping the local S3 server failed", e);
        }
        try {
            if (redis != null) {
                redis.stop();
            }
        } catch (IOException e) {
            LOG.warn("Stopping the local Redis failed", e);
        }
        if (blobStore != null) {
            blobStore.close();
        }
    }

    /** Stops the servers and removes {@code stack.json} if it is still this process's. */
    @Override
    public void close() {
        proxy.close();
        stopQuietly(s3, redis, blobStore);
        try {
            StackFile.read(home.stackFile())
                    .filter(f -> f.pid() == file.pid())
                    .ifPresent(f -> deleteStackFile());
        } catch (SlipwayException unreadable) {
            deleteStackFile();
        }
    }

    private void deleteStackFile() {
        try {
            Files.deleteIfExists(home.stackFile());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", home.stackFile(), e);
        }
    }
}
