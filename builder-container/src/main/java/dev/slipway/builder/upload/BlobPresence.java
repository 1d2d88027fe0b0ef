package dev.slipway.builder.upload;

import dev.slipway.core.storage.StorageLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which of a deployment's blobs the bucket lacks at a cost that follows the deployment's
 * files, never the bucket: one HEAD per blob, in parallel. It never waits for a listing: on
 * S3-compatible servers (S3Proxy's stores among them) every LIST scans the whole bucket, even for
 * one page or one prefix, so a listing there takes seconds in a bucket of tens of thousands of
 * blobs where a HEAD takes a millisecond (docs/benchmarks/builder.md). One exception, for a
 * project's first deployment of many files ({@link #startListing}): one listing page is asked
 * beside the HEADs, and when it shows the whole of {@code blobs/} (a new or small bucket: up to
 * 1,000 keys) the checks still to come are answered from it with no request; when it does not, or
 * comes late, the HEADs go on as if it had not been asked. Blobs the live deployment's manifest
 * names are not asked at all (the caller leaves them out). For a blob that exists but whose stored
 * variants are not known, it also asks for the {@code .br} and {@code .gz} keys, so the new
 * manifest can list them ({@code encodings}).
 */
final class BlobPresence {

    private static final Logger LOG = LoggerFactory.getLogger(BlobPresence.class);

    /** One ListObjectsV2 page: its keys (in order) and the token of the next, or null. */
    record Page(List<String> keys, @Nullable String next) {}

    /** The bucket as this class needs it: one request per call. */
    interface Listing {
        Page page(String prefix, @Nullable String continuation);

        boolean exists(String key);
    }

    /** What {@link #missing} found and what it cost. */
    record Result(Set<String> missing, int requests, String method) {}

    private final Listing bucket;
    private final Consumer<List<Callable<Void>>> runAll;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CompletableFuture<Optional<Set<String>>> listing =
            CompletableFuture.completedFuture(Optional.empty());

    /**
     * @param runAll runs tasks in parallel and waits for all (the upload's pool), for {@link
     *     #missing}
     */
    BlobPresence(Listing bucket, Consumer<List<Callable<Void>>> runAll) {
        this.bucket = bucket;
        this.runAll = runAll;
    }

    /**
     * Asks for one listing page of {@code blobs/} on {@code executor}, without waiting: once it is
     * back and holds every key, {@link #stored} answers from it.
     */
    void startListing(Executor executor) {
        listing =
                CompletableFuture.supplyAsync(
                                () -> {
                                    requests.incrementAndGet();
                                    Page page = bucket.page(StorageLayout.BLOBS, null);
                                    return page.next() == null
                                            ? Optional.of((Set<String>) new HashSet<>(page.keys()))
                                            : Optional.<Set<String>>empty();
                                },
                                executor)
                        .exceptionally(
                                failure -> {
                                    LOG.debug(
                                            "The listing of blobs/ failed; HEADs answer", failure);
                                    return Optional.empty();
                                });
    }

    /** Whether the listing answered the checks (for the log). */
    boolean listed() {
        return listing.getNow(Optional.empty()).isPresent();
    }

    /** The blobs among {@code shas} that are not in the bucket, asked in parallel. */
    Result missing(Set<String> shas) {
        Set<String> absent = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> tasks = new ArrayList<>(shas.size());
        for (String sha : shas) {
            tasks.add(
                    () -> {
                        if (stored(sha, false).isEmpty()) {
                            absent.add(sha);
                        }
                        return null;
                    });
        }
        runAll.accept(tasks);
        return new Result(new HashSet<>(absent), requests.get(), "one HEAD per blob");
    }

    /**
     * Whether the blob is in the bucket (one HEAD) and, when it is and {@code variantsWanted}, its
     * stored variants as {@code Content-Encoding} tokens, brotli first (two more HEADs); an empty
     * list when not asked.
     */
    Optional<List<String>> stored(String sha, boolean variantsWanted) {
        Optional<Set<String>> listed = listing.getNow(Optional.empty());
        if (listed.isPresent()) {
            return fromListing(listed.get(), sha, variantsWanted);
        }
        requests.incrementAndGet();
        if (!bucket.exists(StorageLayout.blob(sha))) {
            return Optional.empty();
        }
        if (!variantsWanted) {
            return Optional.of(List.of());
        }
        List<String> stored = new ArrayList<>(2);
        for (StorageLayout.Encoding e :
                List.of(StorageLayout.Encoding.BROTLI, StorageLayout.Encoding.GZIP)) {
            requests.incrementAndGet();
            if (bucket.exists(StorageLayout.blob(sha, e))) {
                stored.add(e.contentEncoding());
            }
        }
        return Optional.of(List.copyOf(stored));
    }

    private static Optional<List<String>> fromListing(
            Set<String> keys, String sha, boolean variantsWanted) {
        if (!keys.contains(StorageLayout.blob(sha))) {
            return Optional.empty();
        }
        List<String> stored = new ArrayList<>(2);
        if (variantsWanted) {
            for (StorageLayout.Encoding e :
                    List.of(StorageLayout.Encoding.BROTLI, StorageLayout.Encoding.GZIP)) {
                if (keys.contains(StorageLayout.blob(sha, e))) {
                    stored.add(e.contentEncoding());
                }
            }
        }
        return Optional.of(List.copyOf(stored));
    }

    /** The requests made so far. */
    int requests() {
        return requests.get();
    }
}
