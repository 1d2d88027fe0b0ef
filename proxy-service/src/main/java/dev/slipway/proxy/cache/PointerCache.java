package dev.slipway.proxy.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.gson.JsonParseException;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.proxy.metrics.ProxyMetrics;
import dev.slipway.proxy.storage.BucketReader;
import dev.slipway.proxy.storage.ObjectMissingException;
import dev.slipway.proxy.storage.StorageUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live pointer of each project ({@code projects/<project>.json}), kept in memory.
 *
 * <ul>
 *   <li>{@link #invalidate} (a {@code slipway:projects} message) makes the next request read the
 *       record again and wait for it, so a new deployment or a rollback shows at once;
 *   <li>past its time-to-live (short while Redis is not delivering messages, long as a safety net
 *       while it is) a pointer is still served while one request refreshes it in the background;
 *   <li>when the bucket cannot be read, the last known pointer keeps being served (stale if error),
 *       so cached sites stay up; only a project never seen before gets a 502.
 * </ul>
 */
public final class PointerCache {

    private static final Logger log = LoggerFactory.getLogger(PointerCache.class);

    private final BucketReader bucket;
    private final ProxyMetrics metrics;
    private final BooleanSupplier invalidationsFlowing;
    private final long ttlWithInvalidationsNanos;
    private final long ttlWithoutInvalidationsNanos;
    private final LongSupplier clock;
    private final Cache<Slug, Slot> slots;
    private final AtomicLong generation = new AtomicLong();

    /** After a failed refresh, how long a known pointer is served before the next attempt. */
    private static final long RETRY_BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();

    public PointerCache(
            BucketReader bucket,
            ProxyMetrics metrics,
            BooleanSupplier invalidationsFlowing,
            Duration ttlWithInvalidations,
            Duration ttlWithoutInvalidations,
            LongSupplier clock) {
        this.bucket = bucket;
        this.metrics = metrics;
        this.invalidationsFlowing = invalidationsFlowing;
        this.ttlWithInvalidationsNanos = ttlWithInvalidations.toNanos();
        this.ttlWithoutInvalidationsNanos = ttlWithoutInvalidations.toNanos();
        this.clock = clock;
        // Maintenance (read-buffer draining, eviction) on the calling thread: a hand-off to the
        // common pool woke one of its threads every few requests (a futex call each time).
        this.slots = Caffeine.newBuilder().maximumSize(100_000).executor(Runnable::run).build();
    }

    /** The project's live pointer: at once from memory, or once the record has been read. */
    public CompletableFuture<LivePointer> get(Slug project) {
        Slot slot = slots.get(project, p -> new Slot());
        Snapshot known = slot.current;
        if (known != null && !slot.mustReload()) {
            long ttl =
                    invalidationsFlowing.getAsBoolean()
                            ? ttlWithInvalidationsNanos
                            : ttlWithoutInvalidationsNanos;
            long now = clock.getAsLong();
            if ((known.generation != generation.get() || now - known.loadedAt > ttl)
                    && now - slot.retryAfter >= 0) {
                var unused = load(project, slot);
            }
            metrics.cacheLookup("pointer", true);
            return known.future;
        }
        metrics.cacheLookup("pointer", false);
        CompletableFuture<LivePointer> loading = load(project, slot);
        if (known == null) {
            return loading;
        }
        // Stale if error: a record we cannot read now does not take a known site down.
        return loading.exceptionally(failure -> known.value);
    }

    /** Forgets the project's pointer: the next request reads the record again. */
    public void invalidate(Slug project) {
        Slot slot = slots.getIfPresent(project);
        if (slot != null) {
            synchronized (slot) {
                slot.epoch++;
            }
        }
    }

    /**
     * Marks every pointer stale, to be refreshed in the background on its next use: after Redis
     * comes back, since messages may have been missed while it was away.
     */
    public void refreshAll() {
        generation.incrementAndGet();
    }

    private CompletableFuture<LivePointer> load(Slug project, Slot slot) {
        synchronized (slot) {
            if (slot.loading != null && slot.loadingEpoch == slot.epoch) {
                return slot.loading;
            }
            long epoch = slot.epoch;
            long gen = generation.get();
            long startedAt = clock.getAsLong();
            String key = StorageLayout.project(project);
            CompletableFuture<LivePointer> loading =
                    bucket.read(key)
                            .thenApply(bytes -> parse(key, bytes))
                            .exceptionally(
                                    failure -> {
                                        Throwable cause = unwrap(failure);
                                        if (cause instanceof ObjectMissingException) {
                                            return new LivePointer.NoProject();
                                        }
                                        throw cause instanceof RuntimeException r
                                                ? r
                                                : new CompletionException(cause);
                                    });
            slot.loading = loading;
            slot.loadingEpoch = epoch;
            var unused =
                    loading.whenComplete(
                            (value, failure) -> {
                                synchronized (slot) {
                                    if (slot.loading == loading) {
                                        slot.loading = null;
                                    }
                                    if (failure == null
                                            && (slot.current == null
                                                    || slot.current.epoch <= epoch)) {
                                        slot.current = new Snapshot(value, startedAt, gen, epoch);
                                    } else if (failure != null) {
                                        slot.retryAfter = clock.getAsLong() + RETRY_BACKOFF_NANOS;
                                        log.warn(
                                                "Could not read the live pointer of {}: {}",
                                                project,
                                                unwrap(failure).getMessage());
                                    }
                                }
                            });
            return loading;
        }
    }

    private static LivePointer parse(String key, ByteBuffer bytes) {
        String text = StandardCharsets.UTF_8.decode(bytes).toString();
        try {
            ProjectRecord record = Json.documents().fromJson(text, ProjectRecord.class);
            if (record == null) {
                throw new JsonParseException("empty document");
            }
            return record.live()
                    .<LivePointer>map(LivePointer.Live::new)
                    .orElseGet(LivePointer.NoLiveDeployment::new);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(
                    "The project record " + key + " is not readable: " + e.getMessage(), e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private record Snapshot(
            LivePointer value,
            long loadedAt,
            long generation,
            long epoch,
            CompletableFuture<LivePointer> future) {
        Snapshot(LivePointer value, long loadedAt, long generation, long epoch) {
            this(value, loadedAt, generation, epoch, CompletableFuture.completedFuture(value));
        }
    }

    private static final class Slot {
        volatile Snapshot current;
        volatile long epoch;
        volatile long retryAfter = Long.MIN_VALUE / 2;
        CompletableFuture<LivePointer> loading;
        long loadingEpoch;

        boolean mustReload() {
            Snapshot s = current;
            return s != null && s.epoch != epoch;
        }
    }
}
