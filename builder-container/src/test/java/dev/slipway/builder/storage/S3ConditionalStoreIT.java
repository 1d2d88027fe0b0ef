package dev.slipway.builder.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.storage.ConditionalStore;
import dev.slipway.s3store.S3ConditionalStore;
import dev.slipway.testing.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The embedded S3 server honours the conditional requests the project record relies on. */
class S3ConditionalStoreIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    /** The builder's own client (pool, retries, HTTP client), as its publish step uses it. */
    private static S3Client client;

    private static ConditionalStore store;

    @BeforeAll
    static void builderClient() {
        System.setProperty("aws.accessKeyId", S3ServerExtension.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ServerExtension.SECRET_KEY);
        System.setProperty("aws.region", S3ServerExtension.REGION);
        client = S3Clients.create(s3.endpoint(), 8);
        store = new S3ConditionalStore(client, s3.bucket());
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createIsRefusedWhenTheObjectExists() throws Exception {
        assertThat(store.write("projects/create.json", text("one"), null)).isTrue();
        assertThat(store.write("projects/create.json", text("two"), null)).isFalse();
        assertThat(new String(store.read("projects/create.json").orElseThrow().bytes()))
                .isEqualTo("one");
    }

    @Test
    void writeWithAStaleEtagIsRefused() throws Exception {
        store.write("projects/stale.json", text("one"), null);
        String first = store.read("projects/stale.json").orElseThrow().etag();
        assertThat(store.write("projects/stale.json", text("two"), first)).isTrue();

        assertThat(store.write("projects/stale.json", text("three"), first)).isFalse();
        assertThat(new String(store.read("projects/stale.json").orElseThrow().bytes()))
                .isEqualTo("two");
    }

    @Test
    void deleteWithAStaleEtagIsRefused() throws Exception {
        store.write("projects/del.json", text("one"), null);
        String first = store.read("projects/del.json").orElseThrow().etag();
        store.write("projects/del.json", text("two"), first);

        assertThat(store.delete("projects/del.json", first)).isFalse();
        String now = store.read("projects/del.json").orElseThrow().etag();
        assertThat(store.delete("projects/del.json", now)).isTrue();
        assertThat(store.read("projects/del.json")).isEmpty();
    }

    /**
     * Four writers each add 25 to a counter with compare-and-set; every value written is unique
     * (count, writer, step), as project records are. No increment may be lost or doubled.
     */
    @Test
    void concurrentCompareAndSetLosesNoUpdate() throws Exception {
        String key = "projects/counter.json";
        int threads = 4;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            futures.add(
                    pool.submit(
                            () -> {
                                start.await();
                                for (int step = 0; step < each; step++) {
                                    increment(key, worker + ":" + step);
                                }
                                return null;
                            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(count(store.read(key))).isEqualTo(threads * each);
    }

    private void increment(String key, String tag) throws Exception {
        while (true) {
            Optional<ConditionalStore.Versioned> read = store.read(key);
            String etag = read.map(ConditionalStore.Versioned::etag).orElse(null);
            if (store.write(key, text((count(read) + 1) + ":" + tag), etag)) {
                return;
            }
        }
    }

    private static int count(Optional<ConditionalStore.Versioned> read) {
        return read.map(v -> Integer.parseInt(new String(v.bytes()).split(":")[0])).orElse(0);
    }
}
