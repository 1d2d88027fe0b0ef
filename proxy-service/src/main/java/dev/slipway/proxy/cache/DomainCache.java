package dev.slipway.proxy.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.proxy.storage.BucketReader;
import dev.slipway.proxy.storage.ObjectMissingException;
import dev.slipway.proxy.storage.StorageUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Custom domains ({@code domains/<host>.json}), and just as much the hosts that are none: every
 * answer, found or not, is kept for a time-to-live in a bounded cache, so a stream of random hosts
 * costs at most one GET per host per TTL. A failed read is not kept. A {@code slipway:projects}
 * message drops everything (domains change rarely; the writer publishes the project).
 */
public final class DomainCache {

    private final BucketReader bucket;
    private final AsyncCache<String, Optional<Slug>> hosts;

    public DomainCache(BucketReader bucket, Duration ttl, long maxHosts, Executor executor) {
        this.bucket = bucket;
        this.hosts =
                Caffeine.newBuilder()
                        .maximumSize(maxHosts)
                        .expireAfterWrite(ttl)
                        .executor(executor)
                        .buildAsync();
    }

    /** The project this host is a custom domain of, if it is one. */
    public CompletableFuture<Optional<Slug>> projectOf(String host) {
        return hosts.get(host, (h, executor) -> load(h));
    }

    /** Forgets every answer. */
    public void invalidateAll() {
        hosts.synchronous().invalidateAll();
    }

    private CompletableFuture<Optional<Slug>> load(String host) {
        String key = StorageLayout.domain(host);
        return bucket.read(key)
                .thenApply(
                        bytes -> {
                            try {
                                DomainRecord record =
                                        Json.documents()
                                                .fromJson(
                                                        StandardCharsets.UTF_8
                                                                .decode(bytes)
                                                                .toString(),
                                                        DomainRecord.class);
                                if (record == null
                                        || record.project() == null
                                        || !Slug.isValid(record.project())) {
                                    throw new IllegalArgumentException("no valid project");
                                }
                                return Optional.of(Slug.of(record.project()));
                            } catch (RuntimeException e) {
                                throw new StorageUnavailableException(
                                        "The domain record " + key + " is not readable: " + e, e);
                            }
                        })
                .exceptionally(
                        failure -> {
                            Throwable cause =
                                    failure instanceof CompletionException
                                                    && failure.getCause() != null
                                            ? failure.getCause()
                                            : failure;
                            if (cause instanceof ObjectMissingException) {
                                return Optional.empty();
                            }
                            throw cause instanceof RuntimeException r
                                    ? r
                                    : new CompletionException(cause);
                        });
    }
}
