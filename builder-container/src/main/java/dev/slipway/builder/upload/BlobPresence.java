package dev.slipway.builder.upload;

import dev.slipway.core.storage.StorageLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Finds which of a deployment's blobs the bucket lacks as cheaply as it can, whatever the bucket's
 * size: the cost grows with the deployment's files, not with the bucket. A listing request counts
 * as {@link #LIST_COST} HEADs: S3 charges 12.5 times as much for it, and S3-compatible servers
 * (S3Proxy's stores among them) scan the bucket for each one, so a LIST can take seconds where a
 * HEAD takes milliseconds (docs/benchmarks/integrity.md). Up to {@link #LIST_COST} blobs are asked
 * with HEADs. Above that, one listing page of {@code blobs/} answers a small bucket outright and,
 * because S3 lists keys in order, settles every needed blob up to its last key; how far into the
 * key space that page reached estimates how many blobs the bucket holds. For the rest it takes the
 * cheapest of: one HEAD per blob; the rest of the whole listing; or listing only the prefixes
 * ({@code blobs/<first k hex digits>}) the needed blobs fall in, with k from 1 to 4. HEADs and
 * prefix listings run in parallel.
 */
final class BlobPresence {

    /** One ListObjectsV2 page: its keys (in order) and the token of the next, or null. */
    record Page(List<String> keys, String next) {}

    /** The bucket as this class needs it: one request per call. */
    interface Listing {
        Page page(String prefix, String continuation);

        boolean exists(String key);
    }

    /** What the check found and what it cost. */
    record Result(Set<String> missing, int requests, String method) {}

    static final int PAGE = 1000;

    /** What one LIST costs, in HEADs. */
    static final int LIST_COST = 12;

    private final Listing bucket;
    private final Consumer<List<Callable<Void>>> runAll;

    /**
     * @param runAll runs tasks in parallel and waits for all (the upload's pool)
     */
    BlobPresence(Listing bucket, Consumer<List<Callable<Void>>> runAll) {
        this.bucket = bucket;
        this.runAll = runAll;
    }

    /** The blobs among {@code shas} that are not in the bucket. */
    Result missing(Set<String> shas) {
        if (shas.isEmpty()) {
            return new Result(Set.of(), 0, "nothing to check");
        }
        if (shas.size() <= LIST_COST) {
            return heads(shas, new HashSet<>(), 0);
        }
        Page first = bucket.page(StorageLayout.BLOBS, null);
        Set<String> missing = new HashSet<>();
        Set<String> listed = blobShas(first.keys());
        if (first.next() == null) {
            for (String sha : shas) {
                if (!listed.contains(sha)) {
                    missing.add(sha);
                }
            }
            return new Result(missing, 1, "one listing page");
        }
        String last = lastSha(first.keys());
        Set<String> rest = new HashSet<>();
        for (String sha : shas) {
            if (sha.compareTo(last) <= 0) {
                if (!listed.contains(sha)) {
                    missing.add(sha);
                }
            } else {
                rest.add(sha);
            }
        }
        if (rest.isEmpty()) {
            return new Result(missing, 1, "one listing page");
        }
        double estimated = estimateKeys(first.keys().size(), last);
        long listAll = LIST_COST * Math.max(1, (long) Math.ceil(estimated / PAGE) - 1);
        long best = rest.size();
        int bestK = -1;
        if (listAll < best) {
            best = listAll;
            bestK = 0;
        }
        for (int k = 1; k <= 4; k++) {
            long cost = LIST_COST * prefixes(rest, k).size() * pagesPerPrefix(estimated, k);
            if (cost < best) {
                best = cost;
                bestK = k;
            }
        }
        if (bestK < 0) {
            return heads(rest, missing, 1);
        }
        if (bestK == 0) {
            Set<String> present = new HashSet<>(listed);
            int requests = 1;
            String token = first.next();
            while (token != null) {
                Page page = bucket.page(StorageLayout.BLOBS, token);
                requests++;
                present.addAll(blobShas(page.keys()));
                token = page.next();
            }
            for (String sha : rest) {
                if (!present.contains(sha)) {
                    missing.add(sha);
                }
            }
            return new Result(missing, requests, "the whole listing");
        }
        return byPrefix(rest, bestK, missing);
    }

    private Result heads(Set<String> shas, Set<String> missing, int requestsSoFar) {
        Set<String> absent = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (String sha : shas) {
            tasks.add(
                    () -> {
                        if (!bucket.exists(StorageLayout.blob(sha))) {
                            absent.add(sha);
                        }
                        return null;
                    });
        }
        runAll.accept(tasks);
        missing.addAll(absent);
        return new Result(missing, requestsSoFar + shas.size(), "one HEAD per blob");
    }

    private Result byPrefix(Set<String> rest, int k, Set<String> missing) {
        Set<String> present = ConcurrentHashMap.newKeySet();
        AtomicInteger requests = new AtomicInteger(1);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (String prefix : prefixes(rest, k)) {
            tasks.add(
                    () -> {
                        String token = null;
                        do {
                            Page page = bucket.page(StorageLayout.BLOBS + prefix, token);
                            requests.incrementAndGet();
                            present.addAll(blobShas(page.keys()));
                            token = page.next();
                        } while (token != null);
                        return null;
                    });
        }
        runAll.accept(tasks);
        for (String sha : rest) {
            if (!present.contains(sha)) {
                missing.add(sha);
            }
        }
        return new Result(missing, requests.get(), "listing " + k + "-digit prefixes");
    }

    private static Set<String> prefixes(Set<String> shas, int k) {
        Set<String> out = new HashSet<>();
        for (String sha : shas) {
            out.add(sha.substring(0, k));
        }
        return out;
    }

    private static long pagesPerPrefix(double estimatedKeys, int k) {
        return Math.max(1, (long) Math.ceil(estimatedKeys / Math.pow(16, k) / PAGE));
    }

    /**
     * Keys are spread evenly over the hash space: a page that ends {@code f} of the way through it
     * holds about {@code f} of the bucket's keys.
     */
    static double estimateKeys(int pageKeys, String lastSha) {
        double reached = (Long.parseLong(lastSha.substring(0, 8), 16) + 1) / Math.pow(16, 8);
        return pageKeys / Math.max(reached, 1e-9);
    }

    private static String lastSha(List<String> keys) {
        String key = keys.get(keys.size() - 1).substring(StorageLayout.BLOBS.length());
        int dot = key.indexOf('.');
        String sha = dot < 0 ? key : key.substring(0, dot);
        // A key that is not a blob (should not be there) sorts anywhere: then assume the page
        // reached no further than its own first hex digits say.
        return sha.matches("[0-9a-f]{8,}") ? sha : "00000000";
    }

    private static Set<String> blobShas(List<String> keys) {
        Set<String> out = new HashSet<>();
        for (String key : keys) {
            StorageLayout.shaOfBlobKey(key).ifPresent(out::add);
        }
        return out;
    }
}
