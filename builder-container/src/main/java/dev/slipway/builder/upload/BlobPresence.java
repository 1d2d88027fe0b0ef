package dev.slipway.builder.upload;

import dev.slipway.core.storage.StorageLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Finds which of a deployment's blobs the bucket lacks with one HEAD per blob, in parallel, so the
 * cost follows the deployment's files and never the bucket. It never lists: S3-compatible servers
 * (S3Proxy's stores among them) scan the whole bucket for every LIST, even for one page or one
 * prefix, so a listing there takes seconds in a bucket of tens of thousands of blobs where a HEAD
 * takes a millisecond (docs/benchmarks/builder.md); on AWS S3 a listing's pages grow with the
 * bucket too. Blobs the live deployment's manifest names are not asked at all (the caller leaves
 * them out). For a blob that exists but whose stored variants are not known, it also asks for the
 * {@code .br} and {@code .gz} keys, so the new manifest can list them ({@code encodings}).
 */
final class BlobPresence {

    /** One ListObjectsV2 page: its keys (in order) and the token of the next, or null. */
    record Page(List<String> keys, String next) {}

    /**
     * The bucket as this class and its benchmark need it: one request per call. The check itself
     * only calls {@link #exists}; {@link #page} is there for the benchmark's listing contenders.
     */
    interface Listing {
        Page page(String prefix, String continuation);

        boolean exists(String key);
    }

    /** What {@link #missing} found and what it cost. */
    record Result(Set<String> missing, int requests, String method) {}

    private final Listing bucket;
    private final Consumer<List<Callable<Void>>> runAll;
    private final AtomicInteger requests = new AtomicInteger();

    /**
     * @param runAll runs tasks in parallel and waits for all (the upload's pool), for {@link
     *     #missing}
     */
    BlobPresence(Listing bucket, Consumer<List<Callable<Void>>> runAll) {
        this.bucket = bucket;
        this.runAll = runAll;
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

    /** The requests made so far. */
    int requests() {
        return requests.get();
    }
}
