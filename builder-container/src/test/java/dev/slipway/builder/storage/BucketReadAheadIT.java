package dev.slipway.builder.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testing.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The builder reads the project's record ahead, on its S3 thread, for the pipeline's first get. */
class BucketReadAheadIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    private static S3Client client;

    @BeforeAll
    static void builderClient() {
        System.setProperty("aws.accessKeyId", S3ServerExtension.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ServerExtension.SECRET_KEY);
        System.setProperty("aws.region", S3ServerExtension.REGION);
        client = S3Clients.create(s3.endpoint(), 4);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    private static String text(Optional<byte[]> bytes) {
        return bytes.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("(none)");
    }

    @Test
    void theNextGetTakesTheReadAheadAndLaterGetsReadTheBucketAgain() {
        Bucket bucket = new Bucket(client, s3.bucket());
        bucket.put("projects/ahead.json", "first".getBytes(StandardCharsets.UTF_8), "text/plain");
        bucket.readAhead("projects/ahead.json").run();
        bucket.put("projects/ahead.json", "second".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(text(bucket.get("projects/ahead.json"))).isEqualTo("first");
        assertThat(text(bucket.get("projects/ahead.json"))).isEqualTo("second");
    }

    @Test
    void aGetWaitsForAReadAheadStillRunning() throws Exception {
        Bucket bucket = new Bucket(client, s3.bucket());
        Runnable read = bucket.readAhead("projects/absent.json");
        CompletableFuture<Optional<byte[]>> got =
                CompletableFuture.supplyAsync(() -> bucket.get("projects/absent.json"));
        Thread.sleep(200);
        assertThat(got).isNotDone();
        read.run();
        assertThat(got.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aFailedReadAheadFailsTheGetAsAReadWould() {
        // Nothing listens on port 1: the read fails as any read would, not as a missing key.
        try (S3Client nowhere = S3Clients.create(java.net.URI.create("http://127.0.0.1:1"), 1)) {
            Bucket elsewhere = new Bucket(nowhere, s3.bucket());
            elsewhere.readAhead("projects/x.json").run();
            assertThatThrownBy(() -> elsewhere.get("projects/x.json"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("projects/x.json");
            assertThatThrownBy(() -> elsewhere.get("projects/x.json"))
                    .isInstanceOf(StorageException.class);
        }
    }
}
