package dev.slipway.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The proxy's meters, scraped at {@code /_slipway/metrics}: requests by status, bytes sent, cache
 * hits, misses and bytes, S3 calls and their latency, Redis invalidations, dropped access-log
 * lines.
 */
public final class ProxyMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReferenceArray<LongAdder> requestsByStatus =
            new AtomicReferenceArray<>(600);
    private final ConcurrentHashMap<String, Timer> s3Timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> s3Requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final LongAdder responseBytes = new LongAdder();
    private final LongAdder requestCount = new LongAdder();
    private final LongAdder requestNanos = new LongAdder();
    private final LongAdder[] cacheHits = new LongAdder[3];
    private final LongAdder[] cacheMisses = new LongAdder[3];
    private static final String[] KINDS = {"pointer", "manifest", "blob"};
    private final Counter invalidations;
    private final Counter accessLogDropped;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public ProxyMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        FunctionCounter.builder("slipway.proxy.response.bytes", responseBytes, LongAdder::sum)
                .description("Bytes of response bodies sent")
                .baseUnit("bytes")
                .register(registry);
        FunctionTimer.builder(
                        "slipway.proxy.request.duration",
                        this,
                        m -> m.requestCount.sum(),
                        m -> m.requestNanos.sum(),
                        TimeUnit.NANOSECONDS)
                .description("Time from the request to the end of its response")
                .register(registry);
        for (int i = 0; i < KINDS.length; i++) {
            cacheHits[i] = cacheCounter(KINDS[i], "hit");
            cacheMisses[i] = cacheCounter(KINDS[i], "miss");
        }
        invalidations =
                Counter.builder("slipway.proxy.pointer.invalidations")
                        .description("Live pointers dropped on a slipway:projects message")
                        .register(registry);
        accessLogDropped =
                Counter.builder("slipway.proxy.accesslog.dropped")
                        .description("Access-log lines dropped because the writer fell behind")
                        .register(registry);
    }

    /**
     * One finished request. Plain adders on the request path (no {@code DoubleAdder}, no timer's
     * maximum); the registry reads them when scraped.
     */
    public void request(int status, long bodyBytes, long nanos) {
        int s = status >= 100 && status < 600 ? status : 0;
        LongAdder counter = requestsByStatus.get(s);
        if (counter == null) {
            counter = statusCounter(s);
        }
        counter.increment();
        if (bodyBytes > 0) {
            responseBytes.add(bodyBytes);
        }
        requestCount.increment();
        requestNanos.add(nanos);
    }

    private synchronized LongAdder statusCounter(int status) {
        LongAdder known = requestsByStatus.get(status);
        if (known != null) {
            return known;
        }
        LongAdder counter = new LongAdder();
        FunctionCounter.builder("slipway.proxy.requests", counter, LongAdder::sum)
                .description("Requests answered, by status code")
                .tag("status", Integer.toString(status))
                .register(registry);
        requestsByStatus.set(status, counter);
        return counter;
    }

    /**
     * A cache lookup.
     *
     * @param kind {@code pointer}, {@code manifest} or {@code blob}
     * @param hit whether it was answered from memory
     */
    public void cacheLookup(String kind, boolean hit) {
        int i = kind.equals("blob") ? 2 : kind.equals("manifest") ? 1 : 0;
        (hit ? cacheHits : cacheMisses)[i].increment();
    }

    private LongAdder cacheCounter(String kind, String result) {
        LongAdder counter = new LongAdder();
        FunctionCounter.builder("slipway.proxy.cache.requests", counter, LongAdder::sum)
                .description("Cache lookups by kind and result")
                .tag("kind", kind)
                .tag("result", result)
                .register(registry);
        return counter;
    }

    /** Reports the bytes and entries the content cache holds. */
    public void cacheSize(Supplier<Number> bytes, Supplier<Number> entries) {
        Gauge.builder("slipway.proxy.cache.bytes", () -> bytes.get().doubleValue())
                .description("Bytes of manifests and files held in memory")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("slipway.proxy.cache.entries", () -> entries.get().doubleValue())
                .description("Manifests and files held in memory")
                .register(registry);
    }

    /**
     * One S3 call (all its attempts): the kind of object ({@code project}, {@code manifest}, {@code
     * blob}, {@code variant}) and how it ended ({@code ok}, {@code missing}, {@code timeout},
     * {@code error}).
     */
    public void s3Call(String object, long nanos, String outcome) {
        String key = object + ":" + outcome;
        Timer timer = s3Timers.get(key);
        if (timer == null) {
            timer =
                    s3Timers.computeIfAbsent(
                            key,
                            k ->
                                    Timer.builder("slipway.proxy.s3.latency")
                                            .description(
                                                    "Latency of S3 GetObject calls until the response headers, by object kind")
                                            .tag("object", object)
                                            .tag("outcome", outcome)
                                            .publishPercentiles(0.5, 0.99)
                                            .distributionStatisticExpiry(Duration.ofMinutes(1))
                                            .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One HTTP request sent to S3 (each retry counts). */
    public void s3Request(String operation) {
        Counter counter = s3Requests.get(operation);
        if (counter == null) {
            counter =
                    s3Requests.computeIfAbsent(
                            operation,
                            op ->
                                    Counter.builder("slipway.proxy.s3.requests")
                                            .description(
                                                    "HTTP requests sent to S3, retries included")
                                            .tag("operation", op)
                                            .register(registry));
        }
        counter.increment();
    }

    /** The number of HTTP requests sent to S3 so far for an operation such as {@code GetObject}. */
    public long s3Requests(String operation) {
        Counter counter = s3Requests.get(operation);
        return counter == null ? 0 : (long) counter.count();
    }

    /** A request Undertow refused before any handler ran ({@code parser} or {@code host}). */
    public void rejected(String reason) {
        Counter counter = rejected.get(reason);
        if (counter == null) {
            counter =
                    rejected.computeIfAbsent(
                            reason,
                            r ->
                                    Counter.builder("slipway.proxy.rejected")
                                            .description(
                                                    "Requests refused by the HTTP parser or the Host check, before any handler")
                                            .tag("reason", r)
                                            .register(registry));
        }
        counter.increment();
    }

    public void invalidation() {
        invalidations.increment();
    }

    public void accessLogDropped() {
        accessLogDropped.increment();
    }

    /** Registers a gauge on whether the Redis subscription is live (1) or not (0). */
    public void redisSubscribed(Supplier<Boolean> subscribed) {
        Gauge.builder("slipway.proxy.redis.subscribed", () -> subscribed.get() ? 1.0 : 0.0)
                .description("1 while live-pointer invalidations arrive from Redis")
                .register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
