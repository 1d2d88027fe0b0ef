package dev.slipway.builder.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployOptionsTest {

    @TempDir Path dir;

    @Test
    void readsTheSecretsFileAndDeletesIt() throws Exception {
        Path file = dir.resolve("secrets.json");
        Files.writeString(file, "{\"API_KEY\":\"s3cr3t-value\"}");
        List<String> problems = new ArrayList<>();

        DeployOptions o =
                DeployOptions.read(Map.of("SECRETS_FILE", file.toString()), false, problems);

        assertThat(problems).isEmpty();
        assertThat(o.secrets()).containsExactly(Map.entry("API_KEY", "s3cr3t-value"));
        assertThat(file).doesNotExist();
        assertThat(o.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void aCloneTokenInTheSecretsFileIsTheRepositoryHostsOnlyAndNeverABuildVariable()
            throws Exception {
        Path file = dir.resolve("secrets.json");
        Files.writeString(
                file,
                "{\"API_KEY\":\"s3cr3t-value\",\"git/github.com\":\"ghp_for-github\","
                        + "\"git/gitlab.com\":\"glpat-for-gitlab\"}");
        List<String> problems = new ArrayList<>();

        DeployOptions o =
                DeployOptions.read(
                        Map.of(
                                "SECRETS_FILE",
                                file.toString(),
                                "GIT_REPOSITORY_URL",
                                "https://GitHub.com/me/private"),
                        false,
                        problems);

        assertThat(problems).isEmpty();
        assertThat(o.gitToken()).isEqualTo("ghp_for-github");
        assertThat(o.secrets()).containsOnlyKeys("API_KEY");
        assertThat(o.toString()).doesNotContain("ghp_for-github");

        Files.writeString(file, "{\"git/github.com\":\"ghp_for-github\"}");
        DeployOptions elsewhere =
                DeployOptions.read(
                        Map.of(
                                "SECRETS_FILE",
                                file.toString(),
                                "GIT_REPOSITORY_URL",
                                "https://codeberg.org/me/private"),
                        false,
                        problems);
        assertThat(elsewhere.gitToken()).isNull();
        assertThat(elsewhere.secrets()).isEmpty();
    }

    @Test
    void aSecretVariableNamedGitTokenIsTheCloneTokenNotABuildVariable() throws Exception {
        Path file = dir.resolve("secrets.json");
        Files.writeString(
                file, "{\"GIT_TOKEN\":\"ghp_saved-as-variable\",\"API_KEY\":\"k-123456\"}");
        List<String> problems = new ArrayList<>();

        DeployOptions o =
                DeployOptions.read(
                        Map.of(
                                "SECRETS_FILE",
                                file.toString(),
                                "GIT_REPOSITORY_URL",
                                "https://github.com/me/private"),
                        false,
                        problems);

        assertThat(problems).isEmpty();
        assertThat(o.secrets()).containsOnlyKeys("API_KEY");
        assertThat(o.gitToken()).isEqualTo("ghp_saved-as-variable");
    }

    @Test
    void previewIsABoolean() {
        List<String> problems = new ArrayList<>();
        assertThat(DeployOptions.read(Map.of("PREVIEW", "true"), false, problems).preview())
                .isTrue();
        DeployOptions.read(Map.of("PREVIEW", "yes"), false, problems);
        assertThat(problems).singleElement().asString().contains("PREVIEW");
    }

    @Test
    void aSourceDirectoryNeedsLocalModeAndAnExistingFolder() {
        List<String> problems = new ArrayList<>();
        DeployOptions.read(Map.of("SOURCE_DIRECTORY", dir.toString()), false, problems);
        DeployOptions.read(Map.of("SOURCE_DIRECTORY", "relative/path"), true, problems);
        assertThat(problems).hasSize(2);
        problems.clear();
        DeployOptions ok =
                DeployOptions.read(Map.of("SOURCE_DIRECTORY", dir.toString()), true, problems);
        assertThat(problems).isEmpty();
        assertThat(ok.hasWorkingTree()).isTrue();
    }

    @Test
    void aSourceArchiveIsASourcesKey() {
        List<String> problems = new ArrayList<>();
        DeployOptions.read(Map.of("SOURCE_ARCHIVE", "blobs/x"), false, problems);
        assertThat(problems).hasSize(1);
        problems.clear();
        DeployOptions ok =
                DeployOptions.read(
                        Map.of("SOURCE_ARCHIVE", "sources/demo/01JD3Y7M2Q8ZK4T6V9W0XBCDEF.tar.gz"),
                        false,
                        problems);
        assertThat(problems).isEmpty();
        assertThat(ok.sourceArchive()).startsWith("sources/demo/");
    }
}
