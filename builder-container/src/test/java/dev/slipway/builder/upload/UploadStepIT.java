package dev.slipway.builder.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.config.Limits;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.LogListener;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.S3Clients;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.testing.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** What the upload stores and what the manifest's {@code encodings} then says, on real S3. */
class UploadStepIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    private static S3Client client;
    @TempDir Path out;

    @BeforeAll
    static void client() {
        System.setProperty("aws.accessKeyId", S3ServerExtension.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ServerExtension.SECRET_KEY);
        System.setProperty("aws.region", S3ServerExtension.REGION);
        client = S3Clients.create(s3.endpoint(), 8);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private UploadResult upload(Bucket bucket, List<FileEntry> live) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            BuildLog log =
                    new BuildLog(
                            Clock.systemUTC(),
                            SecretMasker.none(),
                            List.<LogListener>of((e, j) -> {}));
            return new UploadStep(
                            out,
                            "dist/",
                            Set.of(),
                            live,
                            bucket,
                            pool,
                            8,
                            Limits.standard(),
                            log,
                            new StopSignal(Clock.systemUTC(), Duration.ofMinutes(5)))
                    .call();
        } finally {
            pool.shutdownNow();
        }
    }

    private static String text(int size) {
        StringBuilder sb = new StringBuilder(size + 40);
        int i = 0;
        while (sb.length() < size) {
            sb.append("const value").append(i % 977).append(" = props.state[").append(i++);
            sb.append("];\n");
        }
        sb.setLength(size);
        return sb.toString();
    }

    private static String sha(String content) throws Exception {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void storesBrotliForMidSizedTextBothVariantsAboveTwoMibAndNoneForSmallOrBinary()
            throws Exception {
        Bucket bucket = new Bucket(client, s3.createBucket());
        Files.writeString(out.resolve("small.js"), text(4_000));
        Files.writeString(out.resolve("mid.js"), text(100_000));
        Files.writeString(out.resolve("big.js"), text(3_000_000));
        Files.write(out.resolve("photo.png"), new byte[200_000]);

        UploadResult result = upload(bucket, List.of());

        assertThat(Objects.requireNonNull(result.files().get("small.js")).encodings()).isEmpty();
        assertThat(Objects.requireNonNull(result.files().get("mid.js")).encodings())
                .containsExactly("br");
        assertThat(Objects.requireNonNull(result.files().get("big.js")).encodings())
                .containsExactly("br", "gzip");
        assertThat(Objects.requireNonNull(result.files().get("photo.png")).encodings()).isEmpty();
        String small = Objects.requireNonNull(result.files().get("small.js")).sha256();
        String mid = Objects.requireNonNull(result.files().get("mid.js")).sha256();
        assertThat(bucket.exists(StorageLayout.blob(small, StorageLayout.Encoding.BROTLI)))
                .isFalse();
        assertThat(bucket.exists(StorageLayout.blob(mid, StorageLayout.Encoding.BROTLI))).isTrue();
        assertThat(bucket.exists(StorageLayout.blob(mid, StorageLayout.Encoding.GZIP))).isFalse();
        assertThat(result.uploadedBlobs()).isEqualTo(4);
    }

    @Test
    void aBlobStoredByAnotherDeploymentIsReusedWithTheVariantsTheBucketHas() throws Exception {
        Bucket bucket = new Bucket(client, s3.createBucket());
        String content = text(50_000);
        String sha = sha(content);
        // As an older builder stored it: both variants, and a manifest without encodings.
        bucket.put(StorageLayout.blob(sha, StorageLayout.Encoding.GZIP), new byte[10], "x", "gzip");
        bucket.put(StorageLayout.blob(sha, StorageLayout.Encoding.BROTLI), new byte[9], "x", "br");
        bucket.put(StorageLayout.blob(sha), content.getBytes(StandardCharsets.UTF_8), "x");
        Files.writeString(out.resolve("shared.js"), content);

        UploadResult fromBucket = upload(bucket, List.of());
        UploadResult fromLegacyManifest =
                upload(bucket, List.of(new FileEntry(sha, 50_000, "text/javascript")));
        UploadResult fromManifest = upload(bucket, List.copyOf(fromBucket.files().values()));

        assertThat(fromBucket.uploadedBlobs()).isZero();
        assertThat(Objects.requireNonNull(fromBucket.files().get("shared.js")).encodings())
                .containsExactly("br", "gzip");
        assertThat(fromLegacyManifest.uploadedBlobs()).isZero();
        assertThat(Objects.requireNonNull(fromLegacyManifest.files().get("shared.js")).encodings())
                .containsExactly("br", "gzip");
        assertThat(Objects.requireNonNull(fromManifest.files().get("shared.js")).encodings())
                .containsExactly("br", "gzip");
    }
}
