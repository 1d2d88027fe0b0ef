package dev.slipway.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import org.junit.jupiter.api.Test;

class StorageLayoutTest {

    private static final String SHA =
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final Slug DEMO = Slug.of("demo");
    private static final DeploymentId ID = DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEF");

    @Test
    void keysFollowTheContract() {
        assertThat(StorageLayout.blob(SHA)).isEqualTo("blobs/" + SHA);
        assertThat(StorageLayout.blob(SHA, StorageLayout.Encoding.GZIP))
                .isEqualTo("blobs/" + SHA + ".gz");
        assertThat(StorageLayout.blob(SHA, StorageLayout.Encoding.BROTLI))
                .isEqualTo("blobs/" + SHA + ".br");
        assertThat(StorageLayout.manifest(DEMO, ID))
                .isEqualTo("deployments/demo/01JD3Y7M2Q8ZK4T6V9W0XBCDEF.json");
        assertThat(StorageLayout.project(DEMO)).isEqualTo("projects/demo.json");
        assertThat(StorageLayout.logArchive(DEMO, ID))
                .isEqualTo("logs/demo/01JD3Y7M2Q8ZK4T6V9W0XBCDEF.ndjson");
        assertThat(StorageLayout.cache(DEMO, "npm-node20-abc123", "tar.gz"))
                .isEqualTo("cache/demo/npm-node20-abc123.tar.gz");
        assertThat(StorageLayout.cache(DEMO, "k", "tar.zst")).isEqualTo("cache/demo/k.tar.zst");
        assertThat(StorageLayout.manifestsOf(DEMO)).isEqualTo("deployments/demo/");
        assertThat(StorageLayout.logsOf(DEMO)).isEqualTo("logs/demo/");
        assertThat(StorageLayout.cacheOf(DEMO)).isEqualTo("cache/demo/");
    }

    @Test
    void prefixesOfOneProjectDoNotCoverAnother() {
        assertThat(StorageLayout.manifest(Slug.of("demo2"), ID))
                .doesNotStartWith(StorageLayout.manifestsOf(DEMO));
    }

    @Test
    void parsesKeysBack() {
        assertThat(StorageLayout.deploymentIdOfManifestKey(StorageLayout.manifest(DEMO, ID)))
                .contains(ID);
        assertThat(StorageLayout.projectOfRecordKey("projects/demo.json")).contains(DEMO);
        assertThat(StorageLayout.shaOfBlobKey("blobs/" + SHA)).contains(SHA);
        assertThat(StorageLayout.shaOfBlobKey("blobs/" + SHA + ".gz")).isEmpty();
        assertThat(StorageLayout.shaOfAnyBlobKey("blobs/" + SHA + ".br")).contains(SHA);
        assertThat(StorageLayout.projectOfRecordKey("projects/Bad_Name.json")).isEmpty();
    }

    @Test
    void refusesKeysThatWouldEscapeTheLayout() {
        assertThatThrownBy(() -> StorageLayout.blob("../projects/demo"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageLayout.blob(SHA.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageLayout.cache(DEMO, "../x", "tar.gz"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageLayout.cache(DEMO, "k", "zip"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
