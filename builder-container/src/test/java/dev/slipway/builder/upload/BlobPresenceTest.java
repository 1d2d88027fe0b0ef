package dev.slipway.builder.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.storage.StorageLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The existence check costs requests in proportion to the deployment, not to the bucket. */
class BlobPresenceTest {

    /** A bucket in memory that pages like S3 (1,000 keys, in order) and counts requests. */
    static final class FakeBucket implements BlobPresence.Listing {
        final NavigableSet<String> keys = new TreeSet<>();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger lists = new AtomicInteger();

        /** Requests weighted as the check weighs them: a LIST as LIST_COST HEADs. */
        int cost() {
            return requests.get() + lists.get() * (BlobPresence.LIST_COST - 1);
        }

        @Override
        public BlobPresence.Page page(String prefix, String continuation) {
            requests.incrementAndGet();
            lists.incrementAndGet();
            String from = continuation == null ? prefix : continuation;
            List<String> out = new ArrayList<>();
            for (String k : keys.tailSet(from, continuation == null)) {
                if (!k.startsWith(prefix)) {
                    break;
                }
                if (out.size() == BlobPresence.PAGE) {
                    return new BlobPresence.Page(out, out.get(out.size() - 1));
                }
                out.add(k);
            }
            return new BlobPresence.Page(out, null);
        }

        @Override
        public boolean exists(String key) {
            requests.incrementAndGet();
            return keys.contains(key);
        }
    }

    private static String sha(String seed) throws Exception {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(seed.getBytes(StandardCharsets.UTF_8)));
    }

    private static FakeBucket bucketOf(int blobs) throws Exception {
        FakeBucket bucket = new FakeBucket();
        for (int i = 0; i < blobs; i++) {
            String sha = sha("stored-" + i);
            bucket.keys.add(StorageLayout.blob(sha));
            if (i % 3 == 0) {
                bucket.keys.add(StorageLayout.blob(sha, StorageLayout.Encoding.GZIP));
            }
        }
        return bucket;
    }

    private static void runSerially(List<Callable<Void>> tasks) {
        for (Callable<Void> t : tasks) {
            try {
                t.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code present} stored blobs and {@code absent} new ones, all needed by the deployment. */
    private static Set<String> needed(int present, int absent, Set<String> expectedMissing)
            throws Exception {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < present; i++) {
            out.add(sha("stored-" + (i * 7)));
        }
        for (int i = 0; i < absent; i++) {
            String sha = sha("new-" + i);
            out.add(sha);
            expectedMissing.add(sha);
        }
        return out;
    }

    @Test
    void threeHundredFilesIntoThirtyEightThousandBlobsAreOneListingPageThenHeads()
            throws Exception {
        FakeBucket bucket = bucketOf(38_000);
        Set<String> missing = new HashSet<>();
        Set<String> needed = needed(200, 101, missing);

        BlobPresence.Result result =
                new BlobPresence(bucket, BlobPresenceTest::runSerially).missing(needed);

        assertThat(result.missing()).isEqualTo(missing);
        assertThat(result.requests()).isEqualTo(bucket.requests.get());
        assertThat(bucket.lists.get()).as("listing requests").isEqualTo(1);
        assertThat(bucket.requests.get()).isLessThanOrEqualTo(needed.size() + 1);
    }

    @Test
    void manyFilesIntoAMidSizedBucketAreListedInsteadOfHeaded() throws Exception {
        FakeBucket bucket = bucketOf(4_000);
        Set<String> missing = new HashSet<>();
        Set<String> needed = needed(500, 1_500, missing);

        BlobPresence.Result result =
                new BlobPresence(bucket, BlobPresenceTest::runSerially).missing(needed);

        assertThat(result.missing()).isEqualTo(missing);
        assertThat(bucket.cost()).as("weighted cost").isLessThan(needed.size() / 10);
    }

    @Test
    void aFewFilesAreAskedWithHeadsWithoutListing() throws Exception {
        FakeBucket bucket = bucketOf(600);
        Set<String> missing = new HashSet<>();
        Set<String> needed = needed(4, 3, missing);

        new BlobPresence(bucket, BlobPresenceTest::runSerially).missing(needed);

        assertThat(bucket.lists.get()).isZero();
        assertThat(bucket.requests.get()).isEqualTo(needed.size());
    }

    @Test
    void aFewFilesIntoAHugeBucketCostAboutOneRequestEach() throws Exception {
        FakeBucket bucket = bucketOf(200_000);
        Set<String> missing = new HashSet<>();
        Set<String> needed = needed(3, 2, missing);

        BlobPresence.Result result =
                new BlobPresence(bucket, BlobPresenceTest::runSerially).missing(needed);

        assertThat(result.missing()).isEqualTo(missing);
        assertThat(bucket.requests.get()).isLessThanOrEqualTo(needed.size() + 1);
    }

    @Test
    void costNeverExceedsOneRequestPerFilePlusOneWhateverTheBucket() throws Exception {
        FakeBucket bucket = bucketOf(400_000);
        Set<String> missing = new HashSet<>();
        Set<String> needed = needed(250, 51, missing);

        BlobPresence.Result result =
                new BlobPresence(bucket, BlobPresenceTest::runSerially).missing(needed);

        assertThat(result.missing()).isEqualTo(missing);
        assertThat(bucket.requests.get()).isLessThanOrEqualTo(needed.size() + 1);
    }

    @Test
    void aSmallBucketIsAnsweredByOnePage() throws Exception {
        FakeBucket bucket = bucketOf(600);
        Set<String> missing = new HashSet<>();
        Set<String> needed = needed(50, 50, missing);

        BlobPresence.Result result =
                new BlobPresence(bucket, BlobPresenceTest::runSerially).missing(needed);

        assertThat(result.missing()).isEqualTo(missing);
        assertThat(bucket.requests.get()).isEqualTo(1);
        assertThat(bucket.lists.get()).isEqualTo(1);
    }
}
