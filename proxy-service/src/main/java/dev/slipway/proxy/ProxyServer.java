package dev.slipway.proxy;

import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.proxy.accesslog.AccessLog;
import dev.slipway.proxy.cache.ContentCache;
import dev.slipway.proxy.cache.DeploymentDirectory;
import dev.slipway.proxy.cache.DomainCache;
import dev.slipway.proxy.cache.PointerCache;
import dev.slipway.proxy.cache.ProjectChanges;
import dev.slipway.proxy.cache.ProjectEventsSubscriber;
import dev.slipway.proxy.http.AccessLogHandler;
import dev.slipway.proxy.http.AllowedMethodsHandler;
import dev.slipway.proxy.http.ErrorPages;
import dev.slipway.proxy.http.HttpListeners;
import dev.slipway.proxy.http.PlatformHandler;
import dev.slipway.proxy.http.RejectionSpotter;
import dev.slipway.proxy.http.SiteHandler;
import dev.slipway.proxy.metrics.ProxyMetrics;
import dev.slipway.proxy.routing.HostRouter;
import dev.slipway.proxy.storage.BucketReader;
import dev.slipway.proxy.storage.ObjectMissingException;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * The running proxy, and its composition root: every part is made and wired here, by constructor.
 *
 * <pre>
 * AccessLogHandler → AllowedMethodsHandler → PlatformHandler (/_slipway/health) → SiteHandler
 *     SiteHandler → HostRouter, PointerCache | DeploymentDirectory | DomainCache, ContentCache
 * admin listener (ADMIN_PORT): AllowedMethodsHandler → PlatformHandler (/_slipway/metrics)
 *                                                  SiteHandler → PointerCache, ContentCache → BucketReader → S3
 *                                   ProjectEventsSubscriber (Redis slipway:projects) → PointerCache
 * </pre>
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    private final HttpListeners listeners;
    private final int port;
    private final int adminPort;
    private final S3AsyncClient s3;
    private final ProjectEventsSubscriber subscriber;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final AccessLog accessLog;
    private final ProxyMetrics metrics;
    private volatile boolean closed;

    private ProxyServer(
            HttpListeners listeners,
            int port,
            int adminPort,
            S3AsyncClient s3,
            ProjectEventsSubscriber subscriber,
            ExecutorService workers,
            ScheduledExecutorService scheduler,
            AccessLog accessLog,
            ProxyMetrics metrics) {
        this.listeners = listeners;
        this.port = port;
        this.adminPort = adminPort;
        this.s3 = s3;
        this.subscriber = subscriber;
        this.workers = workers;
        this.scheduler = scheduler;
        this.accessLog = accessLog;
        this.metrics = metrics;
    }

    /** Starts the proxy with AWS credentials from the SDK's default chain. */
    public static ProxyServer start(ProxyConfig config) {
        return start(config, defaultCredentials());
    }

    /**
     * The SDK's default chain. A refresh may block the thread that starts an S3 call; those are the
     * proxy's worker threads, never Undertow's IO threads.
     */
    static AwsCredentialsProvider defaultCredentials() {
        return DefaultCredentialsProvider.builder().build();
    }

    /** Starts the proxy with these credentials (the local stack passes its embedded S3's keys). */
    public static ProxyServer start(ProxyConfig config, AwsCredentialsProvider credentials) {
        return start(config, credentials, ProxyTuning.defaults());
    }

    /**
     * Starts the proxy with explicit limits and timeouts.
     *
     * @throws PortInUseException when the port is taken
     */
    public static ProxyServer start(
            ProxyConfig config, AwsCredentialsProvider credentials, ProxyTuning tuning) {
        ProxyMetrics metrics = new ProxyMetrics();
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService workers =
                Executors.newFixedThreadPool(
                        Math.max(2, cores), daemonThreads("slipway-proxy-worker"));
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        daemonThreads("slipway-proxy-scheduler"));
        AccessLog accessLog = new AccessLog(tuning.accessLog(), metrics::accessLogDropped);
        S3AsyncClient s3 = null;
        ProjectEventsSubscriber subscriber = null;
        HttpListeners listeners = null;
        try {
            s3 = s3Client(config, credentials, tuning, metrics);
            BucketReader bucket =
                    new BucketReader(
                            s3, config.bucket(), tuning.storageTimeout(), metrics, workers);
            long maxCachedFile =
                    Math.min(
                            tuning.maxCachedFileBytes(),
                            Math.max(64 * 1024, config.cacheMaxBytes() / 16));
            ContentCache content =
                    new ContentCache(
                            bucket,
                            config.cacheMaxBytes(),
                            workers,
                            metrics,
                            java.nio.file.Path.of(System.getProperty("java.io.tmpdir")),
                            Math.min(4, ioThreads()));
            ProjectEventsSubscriber[] holder = new ProjectEventsSubscriber[1];
            PointerCache pointers =
                    new PointerCache(
                            bucket,
                            metrics,
                            () -> holder[0] != null && holder[0].isSubscribed(),
                            tuning.pointerTtlWithRedis(),
                            tuning.pointerTtlWithoutRedis(),
                            System::nanoTime);
            DomainCache domains = new DomainCache(bucket, tuning.domainTtl(), 100_000, workers);
            DeploymentDirectory deployments =
                    new DeploymentDirectory(bucket, tuning.listingTtl(), 100_000, System::nanoTime);
            ProjectChanges changes =
                    new ProjectChanges() {
                        @Override
                        public void changed(Slug project) {
                            pointers.invalidate(project);
                            deployments.invalidate(project);
                            domains.invalidateAll();
                        }

                        @Override
                        public void mayHaveMissed() {
                            pointers.refreshAll();
                            deployments.invalidateAll();
                            domains.invalidateAll();
                        }
                    };
            if (config.redisUrl() != null) {
                subscriber =
                        new ProjectEventsSubscriber(config.redisUrl(), changes, metrics, scheduler);
                holder[0] = subscriber;
            }
            probe(bucket, config);
            HttpHandler site =
                    new SiteHandler(
                            new HostRouter(config.baseDomain()),
                            pointers,
                            domains,
                            deployments,
                            content,
                            bucket,
                            maxCachedFile);
            AccessLogHandler logged =
                    new AccessLogHandler(
                            new AllowedMethodsHandler(new PlatformHandler(site, null)),
                            accessLog,
                            metrics);
            HttpHandler admin =
                    new AllowedMethodsHandler(
                            new PlatformHandler(ErrorPages.NOT_FOUND::send, metrics));
            try {
                listeners = listen(config, tuning, logged, admin, logged::rejected);
            } catch (java.io.IOException | RuntimeException e) {
                if (isBindFailure(e)) {
                    throw new PortInUseException(config.bind(), config.port(), e);
                }
                throw new IllegalStateException(
                        "The proxy could not listen on "
                                + config.bind()
                                + ":"
                                + config.port()
                                + ": "
                                + e.getMessage(),
                        e);
            }
            int port = listeners.port(0);
            int adminPort = config.adminPort() == null ? -1 : listeners.port(1);
            if (adminPort >= 0) {
                log.info(
                        "Metrics at http://{}:{}{}",
                        config.adminBind(),
                        adminPort,
                        PlatformHandler.METRICS);
            }
            if (subscriber != null) {
                subscriber.start();
            }
            log.info(
                    "Serving <project>.{} on http://{}:{} from bucket {}{}",
                    config.baseDomain(),
                    config.bind(),
                    port,
                    config.bucket(),
                    config.redisUrl() == null
                            ? " (no Redis: live pointers refresh every "
                                    + tuning.pointerTtlWithoutRedis().toSeconds()
                                    + " s)"
                            : "");
            return new ProxyServer(
                    listeners,
                    port,
                    adminPort,
                    s3,
                    subscriber,
                    workers,
                    scheduler,
                    accessLog,
                    metrics);
        } catch (RuntimeException e) {
            if (listeners != null) {
                listeners.close();
            }
            if (subscriber != null) {
                subscriber.close();
            }
            if (s3 != null) {
                s3.close();
            }
            workers.shutdownNow();
            scheduler.shutdownNow();
            accessLog.close();
            metrics.close();
            throw e;
        }
    }

    /** The port the proxy listens on (the chosen one when the config asked for 0). */
    public int port() {
        return port;
    }

    /** The admin listener's port ({@code /_slipway/metrics}), or -1 when it is off. */
    public int adminPort() {
        return adminPort;
    }

    /** The proxy's meters, as served at {@code /_slipway/metrics} on the admin listener. */
    public ProxyMetrics metrics() {
        return metrics;
    }

    /** Stops listening and releases every thread, connection and client. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.close();
        if (subscriber != null) {
            subscriber.close();
        }
        s3.close();
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        accessLog.close();
        metrics.close();
        log.info("Proxy on port {} stopped", port);
    }

    /**
     * Reads a key that does not exist, to learn early whether the bucket answers (a warning in the
     * log says so if not; sites then get 502 pages until it does) and to load the S3 client's
     * classes before the first visitor. Waits at most 3 s.
     */
    private static void probe(BucketReader bucket, ProxyConfig config) {
        CompletableFuture<?> probe =
                bucket.read(StorageLayout.PROJECTS + ".slipway-probe")
                        .handle(
                                (bytes, failure) -> {
                                    Throwable cause =
                                            failure instanceof CompletionException
                                                            && failure.getCause() != null
                                                    ? failure.getCause()
                                                    : failure;
                                    if (cause != null
                                            && !(cause instanceof ObjectMissingException)) {
                                        log.warn(
                                                "The bucket {} does not answer yet ({}); sites get a 502 page until it does",
                                                config.bucket(),
                                                cause.getMessage());
                                    }
                                    return null;
                                });
        try {
            probe.get(3, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("The storage probe is still running; starting anyway", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpListeners listen(
            ProxyConfig config,
            ProxyTuning tuning,
            HttpHandler root,
            HttpHandler admin,
            RejectionSpotter.Listener rejections)
            throws java.io.IOException {
        List<HttpListeners.Listener> listeners = new ArrayList<>();
        listeners.add(new HttpListeners.Listener(config.bind(), config.port(), root));
        if (config.adminPort() != null) {
            listeners.add(
                    new HttpListeners.Listener(config.adminBind(), config.adminPort(), admin));
        }
        OptionMap server =
                OptionMap.builder()
                        .set(UndertowOptions.DECODE_URL, false)
                        .set(UndertowOptions.ALLOW_ENCODED_SLASH, true)
                        .set(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
                        .set(UndertowOptions.MAX_HEADER_SIZE, tuning.maxHeaderBytes())
                        .set(UndertowOptions.MAX_HEADERS, 100)
                        .set(UndertowOptions.MAX_COOKIES, 200)
                        .set(UndertowOptions.MAX_PARAMETERS, 1000)
                        .set(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
                        .set(UndertowOptions.IDLE_TIMEOUT, (int) tuning.idleTimeout().toMillis())
                        .set(
                                UndertowOptions.NO_REQUEST_TIMEOUT,
                                (int) tuning.idleTimeout().toMillis())
                        .set(
                                UndertowOptions.REQUEST_PARSE_TIMEOUT,
                                (int) tuning.requestParseTimeout().toMillis())
                        .set(UndertowOptions.ENABLE_HTTP2, false)
                        // HTTP/1.1 is persistent by default: no "Connection: keep-alive" on every
                        // response.
                        .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                        .getMap();
        OptionMap sockets =
                OptionMap.builder()
                        // WRITE_TIMEOUT cuts a client that stops reading. No READ_TIMEOUT: it
                        // schedules a timer on every read (5 % of the CPU in a profile);
                        // IDLE_TIMEOUT and REQUEST_PARSE_TIMEOUT already close silent and slow
                        // clients.
                        .set(Options.WRITE_TIMEOUT, (int) tuning.idleTimeout().toMillis())
                        .set(Options.BACKLOG, 1024)
                        .getMap();
        return HttpListeners.open(listeners, ioThreads(), server, sockets, rejections);
    }

    /** As many IO threads as cores, at least two (nginx's {@code worker_processes auto}). */
    static int ioThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    private static S3AsyncClient s3Client(
            ProxyConfig config,
            AwsCredentialsProvider credentials,
            ProxyTuning tuning,
            ProxyMetrics metrics) {
        Duration timeout = tuning.storageTimeout();
        Duration connect =
                timeout.compareTo(Duration.ofSeconds(3)) < 0 ? timeout : Duration.ofSeconds(3);
        ExecutionInterceptor counter =
                new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(
                            Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        metrics.s3Request(
                                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                };
        S3AsyncClientBuilder builder =
                S3AsyncClient.builder()
                        .region(Region.of(config.region()))
                        .credentialsProvider(credentials)
                        .httpClientBuilder(
                                NettyNioAsyncHttpClient.builder()
                                        .maxConcurrency(512)
                                        .maxPendingConnectionAcquires(20_000)
                                        .connectionTimeout(connect)
                                        .connectionAcquisitionTimeout(timeout)
                                        .readTimeout(streamReadTimeout(tuning))
                                        .writeTimeout(timeout)
                                        .eventLoopGroupBuilder(
                                                SdkEventLoopGroup.builder()
                                                        .numberOfThreads(2)
                                                        .threadFactory(
                                                                daemonThreads("slipway-proxy-s3"))))
                        .overrideConfiguration(
                                o ->
                                        o.retryStrategy(r -> r.maxAttempts(2))
                                                .apiCallTimeout(timeout)
                                                .addExecutionInterceptor(counter));
        if (config.s3Endpoint() != null) {
            builder.endpointOverride(config.s3Endpoint()).forcePathStyle(true);
        }
        return builder.build();
    }

    /**
     * S3's read timeout: longer than the client write timeout, so a client that stops reading a
     * streamed file is cut by the documented write timeout (the S3 read pauses while the client
     * does not take data). Whole-object reads are bounded by the storage timeout on their own.
     */
    static Duration streamReadTimeout(ProxyTuning tuning) {
        Duration longer = tuning.idleTimeout().plusSeconds(10);
        return longer.compareTo(tuning.storageTimeout()) > 0 ? longer : tuning.storageTimeout();
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null
                            && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(
                    (thread, e) -> log.error("Uncaught in {}", thread.getName(), e));
            return t;
        };
    }
}
