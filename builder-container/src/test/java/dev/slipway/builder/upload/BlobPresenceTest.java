package dev.slipway.builder.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.storage.StorageLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The existence check costs requests in proportion to the deployment, never to the bucket. */
class BlobPresenceTest {

    /** A bucket in memory that pages like S3 (1,000 keys, in order) and counts requests. */
    static final class FakeBucket implements BlobPresence.Listing {
        final NavigableSet<String> keys = new TreeSet<>();
        final AtomicInteger heads = new AtomicInteger();
        final AtomicInteger lists = new AtomicInteger();

        @Override
        public BlobPresence.Page page(String prefix, @Nullable String continuation) {
            lists.incrementAndGet();
            List<String> out = new java.util.ArrayList<>();
            for (String k : keys.tailSet(prefix, true)) {
                if (!k.startsWith(prefix)) {
                    break;
                }
                if (out.size() == 1000) {
                    return new BlobPresence.Page(out, k);
                }
                out.add(k);
            }
            return new BlobPresence.Page(out, null);
        }

        @Override
        public boolean exists(String key) {
            heads.incrementAndGet();
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
                bucket.keys.add(StorageLayout.blob(sha, StorageLayout.Encoding.BROTLI));
            }
            if (i % 6 == 0) {
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
    void threeHundredFilesIntoThirtyEightThousandBlobsCostOneHeadEach() throws Exception {
        FakeBucket bucket = bucketOf(38_000);
        Set<String> missing = new HashSet<>();
        Set<String> needed = needed(280, 21, missing);

        BlobPresence.Result result =
                new BlobPresence(bucket, BlobPresenceTest::runSerially).missing(needed);

        assertThat(result.missing()).isEqualTo(missing);
        assertThat(bucket.heads.get()).isEqualTo(needed.size());
        assertThat(result.requests()).isEqualTo(needed.size());
        assertThat(bucket.lists.get()).as("listings").isZero();
    }

    @Test
    void aListingPageThatHoldsTheWholeBucketAnswersEveryCheckWithoutHeads() throws Exception {
        FakeBucket bucket = bucketOf(600);
        BlobPresence presence = new BlobPresence(bucket, BlobPresenceTest::runSerially);
        presence.startListing(Runnable::run);

        Optional<List<String>> present = presence.stored(sha("stored-0"), true);
        Optional<List<String>> absent = presence.stored(sha("new-0"), true);

        assertThat(present).contains(List.of("br", "gzip"));
        assertThat(absent).isEmpty();
        assertThat(presence.listed()).isTrue();
        assertThat(bucket.heads.get()).isZero();
        assertThat(presence.requests()).isEqualTo(1);
    }

    @Test
    void aListingPageOfABigBucketIsIgnoredAndHeadsAnswer() throws Exception {
        FakeBucket bucket = bucketOf(38_000);
        BlobPresence presence = new BlobPresence(bucket, BlobPresenceTest::runSerially);
        presence.startListing(Runnable::run);

        Optional<List<String>> present = presence.stored(sha("stored-7"), false);

        assertThat(present).contains(List.of());
        assertThat(presence.listed()).isFalse();
        assertThat(bucket.lists.get()).as("one page only").isEqualTo(1);
        assertThat(bucket.heads.get()).isEqualTo(1);
    }

    @Test
    void costIsTheSameInATinyAndAHugeBucket() throws Exception {
        Set<String> missing = new HashSet<>();
        Set<String> needed = needed(40, 10, missing);
        FakeBucket tiny = bucketOf(300);
        FakeBucket huge = bucketOf(400_000);

        new BlobPresence(tiny, BlobPresenceTest::runSerially).missing(needed);
        BlobPresence.Result result =
                new BlobPresence(huge, BlobPresenceTest::runSerially).missing(needed);

        assertThat(result.missing()).isEqualTo(missing);
        assertThat(huge.heads.get()).isEqualTo(tiny.heads.get()).isEqualTo(needed.size());
    }

    @Test
    void storedVariantsOfAPresentBlobAreAskedOnlyWhenWanted() throws Exception {
        FakeBucket bucket = bucketOf(12);
        BlobPresence presence = new BlobPresence(bucket, BlobPresenceTest::runSerially);

        Optional<List<String>> both = presence.stored(sha("stored-0"), true);
        Optional<List<String>> brotliOnly = presence.stored(sha("stored-3"), true);
        Optional<List<String>> none = presence.stored(sha("stored-1"), true);
        Optional<List<String>> notAsked = presence.stored(sha("stored-0"), false);
        Optional<List<String>> absent = presence.stored(sha("new-0"), true);

        assertThat(both).contains(List.of("br", "gzip"));
        assertThat(brotliOnly).contains(List.of("br"));
        assertThat(none).contains(List.of());
        assertThat(notAsked).contains(List.of());
        assertThat(absent).isEmpty();
        assertThat(bucket.heads.get())
                .as("three HEADs for each present blob asked for variants, one otherwise")
                .isEqualTo(3 + 3 + 3 + 1 + 1);
        assertThat(presence.requests()).isEqualTo(bucket.heads.get());
    }
}
