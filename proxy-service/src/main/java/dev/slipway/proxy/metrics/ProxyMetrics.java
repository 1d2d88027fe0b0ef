package dev.slipway.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
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
import java.util.function.Supplier;

/**
 * The proxy's meters, scraped at {@code /_slipway/metrics}: requests by status, bytes sent, cache
 * hits, misses and bytes, S3 calls and their latency, Redis invalidations, dropped access-log lines.
 */
public final class ProxyMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReferenceArray<Counter> requestsByStatus = new AtomicReferenceArray<>(600);
  private final ConcurrentHashMap<String, Counter> cacheCounters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> s3Timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> s3Requests = new ConcurrentHashMap<>();
  private final DistributionSummary responseBytes;
  private final Timer requestDuration;
  private final Counter invalidations;
  private final Counter accessLogDropped;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public ProxyMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    responseBytes =
        DistributionSummary.builder("slipway.proxy.response.bytes")
            .description("Bytes of response bodies sent")
            .baseUnit("bytes")
            .register(registry);
    requestDuration =
        Timer.builder("slipway.proxy.request.duration")
            .description("Time from the request to the end of its response")
            .publishPercentiles(0.5, 0.99)
            .distributionStatisticExpiry(Duration.ofMinutes(1))
            .register(registry);
    invalidations =
        Counter.builder("slipway.proxy.pointer.invalidations")
            .description("Live pointers dropped on a slipway:projects message")
            .register(registry);
    accessLogDropped =
        Counter.builder("slipway.proxy.accesslog.dropped")
            .description("Access-log lines dropped because the writer fell behind")
            .register(registry);
  }

  /** One finished request. */
  public void request(int status, long bodyBytes, long nanos) {
    int s = status >= 100 && status < 600 ? status : 0;
    Counter counter = requestsByStatus.get(s);
    if (counter == null) {
      counter =
          Counter.builder("slipway.proxy.requests")
              .description("Requests answered, by status code")
              .tag("status", Integer.toString(status))
              .register(registry);
      requestsByStatus.set(s, counter);
    }
    counter.increment();
    if (bodyBytes > 0) {
      responseBytes.record(bodyBytes);
    }
    requestDuration.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A cache lookup.
   *
   * @param kind {@code pointer}, {@code manifest} or {@code blob}
   * @param hit whether it was answered from memory
   */
  public void cacheLookup(String kind, boolean hit) {
    String key = kind + (hit ? ":hit" : ":miss");
    Counter counter = cacheCounters.get(key);
    if (counter == null) {
      counter =
          cacheCounters.computeIfAbsent(
              key,
              k ->
                  Counter.builder("slipway.proxy.cache.requests")
                      .description("Cache lookups by kind and result")
                      .tag("kind", kind)
                      .tag("result", hit ? "hit" : "miss")
                      .register(registry));
    }
    counter.increment();
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

  /** One S3 call (all its attempts) and how it ended: ok, missing, timeout or error. */
  public void s3Call(long nanos, String outcome) {
    Timer timer = s3Timers.get(outcome);
    if (timer == null) {
      timer =
          s3Timers.computeIfAbsent(
              outcome,
              o ->
                  Timer.builder("slipway.proxy.s3.latency")
                      .description("Latency of S3 GetObject calls until the response headers")
                      .tag("outcome", o)
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
                      .description("HTTP requests sent to S3, retries included")
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
