package dev.slipway.proxy.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.core.storage.StorageLayout.Encoding;
import dev.slipway.proxy.metrics.ProxyMetrics;
import dev.slipway.proxy.storage.BucketReader;
import dev.slipway.proxy.storage.ObjectMissingException;
import dev.slipway.proxy.storage.StorageUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Manifests and small files in memory, by content: a manifest never changes under its key and a
 * blob never changes under its hash, so nothing here is ever revalidated. One weight budget ({@code
 * CACHE_MAX_BYTES}) bounds them all; the least useful entries go first. A lookup that hits makes no
 * S3 request; a miss makes one GET, shared by every request waiting for it.
 *
 * <p>Precompressed variants ({@code blobs/<sha>.br|.gz}) are cached too, and so is their absence (a
 * blob's variants are written with it and never change); a missing {@code .gz} of a small
 * compressible file is made here once, on the compression executor.
 */
public final class ContentCache {

    private final BucketReader bucket;
    private final ProxyMetrics metrics;
    private final Executor compressor;
    private final java.nio.file.Path fileFolder;
    private final int fileChannels;
    private final AsyncCache<Key, Object> cache;

    private sealed interface Key permits ManifestKey, BlobKey {}

    private record ManifestKey(Slug project, DeploymentId id) implements Key {}

    /** {@code encoding} null means the blob itself. */
    private record BlobKey(String sha256, Encoding encoding) implements Key {}

    /** A cached body, or the knowledge that a variant does not exist. */
    private record Body(CachedBody bytes) {
        static final Body ABSENT = new Body(null);
    }

    /**
     * @param fileFolder where large bodies are kept as deleted files (sent with {@code sendfile}),
     *     or null to keep every body in direct memory
     * @param fileChannels how many channels each such file gets (one per IO thread, up to 4)
     */
    public ContentCache(
            BucketReader bucket,
            long maxBytes,
            Executor compressor,
            ProxyMetrics metrics,
            java.nio.file.Path fileFolder,
            int fileChannels) {
        this.bucket = bucket;
        this.fileFolder = fileFolder;
        this.fileChannels = fileChannels;
        this.metrics = metrics;
        this.compressor = compressor;
        this.cache =
                Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .weigher(ContentCache::weigh)
                        .removalListener(
                                (Key key, Object value, RemovalCause cause) -> {
                                    if (value instanceof Body body && body.bytes() != null) {
                                        body.bytes().release();
                                    }
                                })
                        // Eviction (and so freeing) on the thread that completed the load, at once:
                        // on a busy pool it lagged and direct memory overshot the weight.
                        .executor(Runnable::run)
                        .buildAsync();
        metrics.cacheSize(
                () ->
                        cache.synchronous()
                                .policy()
                                .eviction()
                                .map(e -> e.weightedSize().orElse(0))
                                .orElse(0L),
                () -> cache.synchronous().estimatedSize());
    }

    private static int weigh(Key key, Object value) {
        int overhead = 160;
        if (value instanceof Site site) {
            return site.estimatedBytes();
        }
        if (value instanceof Body body && body.bytes() != null) {
            return body.bytes().size() + overhead;
        }
        return overhead;
    }

    /** A deployment's manifest, indexed. */
    public CompletableFuture<Site> site(Slug project, DeploymentId id) {
        ManifestKey key = new ManifestKey(project, id);
        return lookup("manifest", key, () -> loadSite(project, id)).thenApply(Site.class::cast);
    }

    /**
     * The deployment's index when it is already in memory, else null (then ask {@link #site}): a
     * hit without a future per request.
     */
    public Site siteIfLoaded(Slug project, DeploymentId id) {
        Object value = loaded("manifest", new ManifestKey(project, id));
        return value instanceof Site site ? site : null;
    }

    /** The blob's bytes when they are already in memory, else null (then ask {@link #blob}). */
    public CachedBody blobIfLoaded(String sha256) {
        Object value = loaded("blob", new BlobKey(sha256, null));
        return value instanceof Body body ? body.bytes() : null;
    }

    /** A completed entry's value, counted as a hit; null (nothing counted) otherwise. */
    private Object loaded(String kind, Key key) {
        CompletableFuture<Object> present = cache.getIfPresent(key);
        if (present == null || !present.isDone() || present.isCompletedExceptionally()) {
            return null;
        }
        Object value = present.getNow(null);
        if (value != null) {
            metrics.cacheLookup(kind, true);
        }
        return value;
    }

    /** A blob's bytes ({@link CachedBody#acquire} them to send). */
    public CompletableFuture<CachedBody> blob(String sha256) {
        return lookup("blob", new BlobKey(sha256, null), () -> loadBlob(sha256))
                .thenApply(value -> ((Body) value).bytes());
    }

    /**
     * A precompressed variant of a small blob, if the bucket has one; for gzip, one made here when
     * it does not and the result is smaller than the blob.
     */
    public CompletableFuture<Optional<CachedBody>> variant(String sha256, Encoding encoding) {
        return lookup("blob", new BlobKey(sha256, encoding), () -> loadVariant(sha256, encoding))
                .thenApply(value -> Optional.ofNullable(((Body) value).bytes()));
    }

    /**
     * The blob gzipped here (when that makes it smaller), for a file whose manifest lists no stored
     * gzip variant: costs no request beyond the blob's own.
     */
    public CompletableFuture<Optional<CachedBody>> gzipped(String sha256) {
        return lookup(
                        "blob",
                        new BlobKey(sha256, Encoding.GZIP),
                        // The blob is looked up on the compressor, not inside this entry's
                        // computation: a second computeIfAbsent on the same cache from there
                        // fails with "Recursive update" when both keys share a bin.
                        () ->
                                CompletableFuture.completedFuture((Void) null)
                                        .thenComposeAsync(v -> blob(sha256), compressor)
                                        .thenApplyAsync(this::gzipIfSmaller, compressor))
                .thenApply(value -> Optional.ofNullable(((Body) value).bytes()));
    }

    /** Whether the bucket is known to lack this variant (so a streamed request skips it). */
    public boolean isKnownAbsent(String sha256, Encoding encoding) {
        CompletableFuture<Object> known = cache.getIfPresent(new BlobKey(sha256, encoding));
        return known != null
                && known.isDone()
                && !known.isCompletedExceptionally()
                && known.join() == Body.ABSENT;
    }

    /** Remembers that the bucket lacks this variant of a streamed (large) blob. */
    public void markAbsent(String sha256, Encoding encoding) {
        cache.put(new BlobKey(sha256, encoding), CompletableFuture.completedFuture(Body.ABSENT));
    }

    private CompletableFuture<Object> lookup(
            String kind, Key key, java.util.function.Supplier<CompletableFuture<Object>> loader) {
        CompletableFuture<Object> present = cache.getIfPresent(key);
        if (present != null) {
            metrics.cacheLookup(kind, true);
            return present;
        }
        metrics.cacheLookup(kind, false);
        return cache.get(key, (k, executor) -> loader.get());
    }

    private CompletableFuture<Object> loadSite(Slug project, DeploymentId id) {
        String key = StorageLayout.manifest(project, id);
        return bucket.read(key)
                .thenApply(
                        bytes -> {
                            try {
                                Manifest manifest =
                                        Json.documents()
                                                .fromJson(
                                                        StandardCharsets.UTF_8
                                                                .decode(bytes)
                                                                .toString(),
                                                        Manifest.class);
                                if (manifest == null) {
                                    throw new IllegalArgumentException("empty document");
                                }
                                return (Object) Site.of(manifest);
                            } catch (RuntimeException e) {
                                throw new StorageUnavailableException(
                                        "The manifest "
                                                + key
                                                + " is not readable: "
                                                + e.getMessage(),
                                        e);
                            }
                        });
    }

    private CompletableFuture<Object> loadBlob(String sha256) {
        String key = StorageLayout.blob(sha256);
        return bucket.read(key)
                .<Object>thenApply(this::body)
                .exceptionally(
                        failure -> {
                            Throwable cause = unwrap(failure);
                            if (cause instanceof ObjectMissingException) {
                                throw new StorageUnavailableException(
                                        "The manifest names blob "
                                                + key
                                                + " but the bucket does not hold it",
                                        cause);
                            }
                            throw cause instanceof RuntimeException r
                                    ? r
                                    : new CompletionException(cause);
                        });
    }

    private CompletableFuture<Object> loadVariant(String sha256, Encoding encoding) {
        return bucket.read(StorageLayout.blob(sha256, encoding))
                .<Object>thenApply(this::body)
                .exceptionallyComposeAsync(
                        failure -> {
                            Throwable cause = unwrap(failure);
                            if (!(cause instanceof ObjectMissingException)) {
                                return CompletableFuture.failedFuture(cause);
                            }
                            if (encoding != Encoding.GZIP) {
                                return CompletableFuture.completedFuture(Body.ABSENT);
                            }
                            return blob(sha256).thenApplyAsync(this::gzipIfSmaller, compressor);
                        },
                        // Never inline: a read that failed at once would look the blob up inside
                        // this entry's computation (see gzipped).
                        compressor);
    }

    private Object gzipIfSmaller(CachedBody source) {
        if (!source.acquire()) {
            throw new StorageUnavailableException(
                    "A blob left the cache while it was being gzipped; try again", null);
        }
        byte[] raw;
        try {
            raw = source.copy();
        } finally {
            source.release();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 3));
        try (GZIPOutputStream gzip =
                new GZIPOutputStream(out, 8192) {
                    {
                        def.setLevel(Deflater.BEST_COMPRESSION);
                    }
                }) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        if (out.size() >= raw.length) {
            return Body.ABSENT;
        }
        return body(ByteBuffer.wrap(out.toByteArray()));
    }

    /**
     * A cached body (direct memory, or a deleted file for a large one), freed as soon as it is
     * evicted and no response sends it.
     */
    private Body body(ByteBuffer source) {
        return new Body(CachedBody.copyOf(source, fileFolder, fileChannels));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
