package dev.slipway.proxy.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.slipway.core.deployment.DeploymentHost;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.proxy.storage.BucketReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Finds the deployment a host {@code <project>--<id10>} names, from one listing of {@code
 * deployments/<project>/} kept in memory. A known id never costs another request (deployments do
 * not change); an unknown one re-lists the project only once its listing is older than the TTL, so
 * guessing ids costs at most one listing per project per TTL.
 */
public final class DeploymentDirectory {

    private final BucketReader bucket;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Cache<Slug, Listing> listings;

    private record Listing(CompletableFuture<Map<String, DeploymentId>> ids, long loadedAt) {}

    public DeploymentDirectory(
            BucketReader bucket, Duration ttl, long maxProjects, LongSupplier clock) {
        this.bucket = bucket;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.listings =
                Caffeine.newBuilder()
                        .maximumSize(maxProjects)
                        .expireAfterAccess(Duration.ofHours(1))
                        .build();
    }

    /** The deployment this host names, if the project has it. */
    public CompletableFuture<Optional<DeploymentId>> find(DeploymentHost host) {
        Slug project = host.project();
        Listing listing = listings.asMap().computeIfAbsent(project, this::load);
        return listing.ids()
                .thenCompose(
                        ids -> {
                            DeploymentId id = ids.get(host.id10());
                            if (id != null || clock.getAsLong() - listing.loadedAt() < ttlNanos) {
                                return CompletableFuture.completedFuture(Optional.ofNullable(id));
                            }
                            Listing fresh =
                                    listings.asMap()
                                            .compute(
                                                    project,
                                                    (p, old) ->
                                                            old == null || old == listing
                                                                    ? load(p)
                                                                    : old);
                            return fresh.ids()
                                    .thenApply(
                                            again -> Optional.ofNullable(again.get(host.id10())));
                        });
    }

    /** Forgets a project's listing (a {@code slipway:projects} message). */
    public void invalidate(Slug project) {
        listings.invalidate(project);
    }

    /** Forgets every listing. */
    public void invalidateAll() {
        listings.invalidateAll();
    }

    private Listing load(Slug project) {
        long now = clock.getAsLong();
        CompletableFuture<Map<String, DeploymentId>> ids =
                bucket.list(StorageLayout.manifestsOf(project))
                        .thenApply(DeploymentDirectory::index);
        Listing listing = new Listing(ids, now);
        var unused =
                ids.whenComplete(
                        (value, failure) -> {
                            if (failure != null) {
                                listings.asMap().remove(project, listing);
                            }
                        });
        return listing;
    }

    private static Map<String, DeploymentId> index(List<String> keys) {
        Map<String, DeploymentId> ids = new HashMap<>();
        for (String key : keys) {
            StorageLayout.deploymentIdOfManifestKey(key)
                    .ifPresent(id -> ids.put(DeploymentHost.id10(id), id));
        }
        return Map.copyOf(ids);
    }
}
