package dev.slipway.builder.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRequestTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    private static final List<NodeVersion> RELEASES =
            List.of(
                    new NodeVersion(18, 20, 8),
                    new NodeVersion(20, 20, 2),
                    new NodeVersion(22, 23, 5),
                    new NodeVersion(24, 22, 3),
                    new NodeVersion(25, 9, 0),
                    new NodeVersion(26, 12, 1));

    @TempDir Path repo;

    private static Optional<NodeVersion> pick(String raw, LocalDate today) {
        return new NodeRequest(raw, ".nvmrc", ".nvmrc").range(today).highest(RELEASES);
    }

    @Test
    void readsTheFormsPeopleWrite() {
        assertThat(pick("22", TODAY)).contains(new NodeVersion(22, 23, 5));
        assertThat(pick("v22.23.5", TODAY)).contains(new NodeVersion(22, 23, 5));
        assertThat(pick(">=18 <21", TODAY)).contains(new NodeVersion(20, 20, 2));
        assertThat(pick("^20.11", TODAY)).contains(new NodeVersion(20, 20, 2));
        assertThat(pick("18.x || 20.x", TODAY)).contains(new NodeVersion(20, 20, 2));
        assertThat(pick("node", TODAY)).contains(new NodeVersion(26, 12, 1));
        assertThat(pick("latest", TODAY)).contains(new NodeVersion(26, 12, 1));
    }

    @Test
    void ltsAliasesFollowTheReleaseSchedule() {
        assertThat(pick("lts/iron", TODAY)).contains(new NodeVersion(20, 20, 2));
        assertThat(pick("lts/Jod", TODAY)).contains(new NodeVersion(22, 23, 5));
        assertThat(pick("lts/*", TODAY)).contains(new NodeVersion(26, 12, 1));
        assertThat(pick("lts/-1", TODAY)).contains(new NodeVersion(24, 22, 3));
        // Before Node 26 became LTS (2026-10-28), lts/* was 24.
        assertThat(pick("lts/*", LocalDate.parse("2026-10-27")))
                .contains(new NodeVersion(24, 22, 3));
        assertThatThrownBy(() -> pick("lts/zinc", TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Node LTS line");
    }

    @Test
    void describesWhereItCameFrom() {
        assertThat(new NodeRequest("22", ".nvmrc", ".nvmrc").describe())
                .isEqualTo("from .nvmrc '22'");
    }

    private void write(String path, String text) throws Exception {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Optional<NodeRequest> read(
            @Nullable String variable, Map<String, String> env, String app) {
        return new NodeRequestReader(variable, env, repo, repo.resolve(app)).read();
    }

    @Test
    void variableWinsOverEveryFile() throws Exception {
        write("web/.node-version", "21");
        write("web/.nvmrc", "19");
        write("web/package.json", "{\"engines\":{\"node\":\">=16\"}}");
        assertThat(read("20", Map.of("NODE_VERSION", "18"), "web"))
                .contains(new NodeRequest("20", "NODE_VERSION", null));
        assertThat(read(null, Map.of("NODE_VERSION", " 18 "), "web"))
                .contains(new NodeRequest("18", "NODE_VERSION", null));
    }

    @Test
    void filesInOrderAppFolderBeforeRepositoryRoot() throws Exception {
        write(".nvmrc", "19");
        write("web/package.json", "{\"engines\":{\"node\":\">=16\"}}");
        write("package.json", "{\"engines\":{\"node\":\">=14\"}}");
        // .nvmrc at the root beats engines.node in the app's package.json.
        assertThat(read(null, Map.of(), "web")).contains(new NodeRequest("19", ".nvmrc", ".nvmrc"));
        write("web/.nvmrc", "# the team's Node\nv20.11.1 # pinned\n");
        assertThat(read(null, Map.of(), "web"))
                .contains(new NodeRequest("v20.11.1", "web/.nvmrc", "web/.nvmrc"));
        write(".node-version", "21");
        assertThat(read(null, Map.of(), "web"))
                .contains(new NodeRequest("21", ".node-version", ".node-version"));
        write("web/.node-version", "22\n");
        assertThat(read(null, Map.of(), "web"))
                .contains(new NodeRequest("22", "web/.node-version", "web/.node-version"));
    }

    @Test
    void enginesNodeFromTheAppThenTheRoot() throws Exception {
        write("package.json", "{\"engines\":{\"node\":\">=14\"}}");
        write("web/package.json", "{\"name\":\"web\"}");
        assertThat(read(null, Map.of(), "web"))
                .contains(new NodeRequest(">=14", "package.json engines.node", "package.json"));
        write("web/package.json", "{\"engines\":{\"node\":\"^20.11\"}}");
        assertThat(read(null, Map.of(), "web"))
                .contains(
                        new NodeRequest(
                                "^20.11", "web/package.json engines.node", "web/package.json"));
    }

    @Test
    void nothingAskedWithoutFilesOrVariable() throws Exception {
        write("package.json", "{\"engines\":{\"npm\":\">=9\"}}");
        write(".nvmrc", "\n# nothing\n");
        assertThat(read(null, Map.of("OTHER", "1"), "")).isEmpty();
    }

    @Test
    void linksAreNotFollowed() throws Exception {
        Path outside = Files.createTempFile("secret", ".txt");
        Files.writeString(outside, "hunter2");
        Files.createSymbolicLink(repo.resolve(".nvmrc"), outside);
        assertThat(read(null, Map.of(), "")).isEmpty();
        Files.delete(outside);
    }
}
