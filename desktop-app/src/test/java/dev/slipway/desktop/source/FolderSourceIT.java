package dev.slipway.desktop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.config.Mode;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A folder's working tree goes to the bucket in AWS mode, and says how far the upload has come. */
class FolderSourceIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    private final BucketStore bucket =
            new BucketStore(s3.client(), s3.bucket(), "the test bucket", "start the test S3");

    @Test
    void awsModeUploadsTheArchiveAndReportsEveryByteUpToTheTotal(@TempDir Path folder)
            throws Exception {
        byte[] noise = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(noise);
        Files.write(folder.resolve("big.bin"), noise);
        Files.writeString(folder.resolve("index.html"), "<h1>hi</h1>");
        Slug project = Slug.of("folder-site");
        DeploymentId id = DeploymentId.newId();
        List<long[]> calls = new ArrayList<>();

        Map<String, String> env =
                FolderSource.prepare(
                        folder,
                        Mode.AWS,
                        bucket,
                        project,
                        id,
                        (sent, total) -> calls.add(new long[] {sent, total}));

        String key = StorageLayout.sourceArchive(project, id);
        assertThat(env).containsExactly(Map.entry("SOURCE_ARCHIVE", key));
        long stored = s3.client().headObject(b -> b.bucket(s3.bucket()).key(key)).contentLength();
        assertThat(calls).hasSizeGreaterThan(2);
        assertThat(calls.get(0)).containsExactly(0, stored);
        assertThat(calls.get(calls.size() - 1)).containsExactly(stored, stored);
        for (int i = 1; i < calls.size(); i++) {
            // Each read of the body counts up from 0; a new read (the test server speaks plain
            // HTTP, so the client hashes the body before it sends it) starts with a 0.
            if (calls.get(i)[0] != 0) {
                assertThat(calls.get(i)[0]).isGreaterThanOrEqualTo(calls.get(i - 1)[0]);
            }
            assertThat(calls.get(i)[1]).isEqualTo(stored);
        }
    }

    @Test
    void localModeUploadsNothing(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("index.html"), "<h1>hi</h1>");
        List<Long> calls = new ArrayList<>();

        Map<String, String> env =
                FolderSource.prepare(
                        folder,
                        Mode.LOCAL,
                        bucket,
                        Slug.of("local-site"),
                        DeploymentId.newId(),
                        (sent, total) -> calls.add(sent));

        assertThat(env).containsExactly(Map.entry("SOURCE_DIRECTORY", folder.toString()));
        assertThat(calls).isEmpty();
        assertThat(
                        s3.client()
                                .listObjectsV2(
                                        b -> b.bucket(s3.bucket()).prefix("sources/local-site/"))
                                .contents())
                .isEmpty();
    }

    @Test
    void aFolderOverTheFileLimitIsRefusedBeforeAnythingIsUploaded(@TempDir Path folder)
            throws Exception {
        for (int i = 0; i <= FolderSource.MAX_FILES; i++) {
            Files.createFile(folder.resolve("f" + i));
        }
        assertThatThrownBy(
                        () ->
                                FolderSource.prepare(
                                        folder,
                                        Mode.AWS,
                                        bucket,
                                        Slug.of("huge-site"),
                                        DeploymentId.newId(),
                                        (sent, total) -> {
                                            throw new AssertionError("nothing may be uploaded");
                                        }))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("more than the " + FolderSource.MAX_FILES + " files");
        assertThat(
                        s3.client()
                                .listObjectsV2(
                                        b -> b.bucket(s3.bucket()).prefix("sources/huge-site/"))
                                .contents())
                .isEmpty();
    }
}
