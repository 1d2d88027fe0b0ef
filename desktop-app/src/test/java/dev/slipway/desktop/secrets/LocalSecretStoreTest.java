package dev.slipway.desktop.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretStoreTest {

    @TempDir Path home;

    private final Slug demo = Slug.of("demo");

    @Test
    void keepsSecretsInAnOwnerOnlyFileAndHandsTheBuilderAnOwnerOnlyCopy() throws Exception {
        LocalSecretStore store = new LocalSecretStore(new SlipwayHome(home));
        store.put(demo, "API_TOKEN", "value-one-123");
        store.put(demo, "OTHER", "value-two-456");

        Path file = home.resolve("secrets/demo.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(store.names(demo)).containsExactly("API_TOKEN", "OTHER");

        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = store.builderEnvironment(demo, id, null);
        Path copy = Path.of(env.get("SECRETS_FILE"));
        assertThat(copy).isEqualTo(home.resolve("builds/" + id.value() + ".secrets.json"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(copy))
                .isEqualTo("{\"API_TOKEN\":\"value-one-123\",\"OTHER\":\"value-two-456\"}");
        assertThat(env.values()).noneMatch(v -> v.contains("value-one"));

        store.remove(demo, "API_TOKEN");
        assertThat(store.names(demo)).containsExactly("OTHER");
        assertThat(Files.readString(file)).doesNotContain("value-one-123");
        store.removeAll(demo);
        assertThat(store.names(demo)).isEmpty();
        assertThat(store.builderEnvironment(demo, DeploymentId.newId(), null)).isEmpty();
    }

    @Test
    void aCloneTokenIsNoVariableAndOnlyTheBuildsHostsTokenIsCopied() throws Exception {
        LocalSecretStore store = new LocalSecretStore(new SlipwayHome(home));
        store.put(demo, "API_TOKEN", "value-one-123");
        store.putGitToken(demo, "github.com", "ghp_github-token");
        store.putGitToken(demo, "gitlab.com", "glpat-gitlab-token");

        assertThat(store.names(demo)).containsExactly("API_TOKEN");
        Map<String, String> env =
                store.builderEnvironment(demo, DeploymentId.newId(), "github.com");
        assertThat(Files.readString(Path.of(env.get("SECRETS_FILE"))))
                .isEqualTo(
                        "{\"API_TOKEN\":\"value-one-123\",\"git/github.com\":\"ghp_github-token\"}");

        store.remove(demo, "API_TOKEN");
        Map<String, String> tokenOnly =
                store.builderEnvironment(demo, DeploymentId.newId(), "gitlab.com");
        assertThat(Files.readString(Path.of(tokenOnly.get("SECRETS_FILE"))))
                .isEqualTo("{\"git/gitlab.com\":\"glpat-gitlab-token\"}");
        assertThat(store.builderEnvironment(demo, DeploymentId.newId(), "codeberg.org")).isEmpty();

        store.removeGitTokens(demo);
        assertThat(store.builderEnvironment(demo, DeploymentId.newId(), "github.com")).isEmpty();
    }
}
