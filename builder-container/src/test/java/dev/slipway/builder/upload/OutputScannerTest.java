package dev.slipway.builder.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.builder.config.Limits;
import dev.slipway.builder.outcome.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputScannerTest {

    @TempDir Path temp;
    private Path dist;

    @BeforeEach
    void output() throws Exception {
        dist = Files.createDirectories(temp.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), "home");
    }

    private List<OutputFile> scan(Limits limits) {
        return new OutputScanner(dist, "dist/", Set.of(), limits, w -> {}).scan();
    }

    @Test
    void failsOnEmptyOutputNamingTheFolder() throws Exception {
        Files.delete(dist.resolve("index.html"));
        assertThatThrownBy(() -> scan(Limits.standard()))
                .isInstanceOf(Failure.class)
                .hasMessageStartingWith("The build produced no files in dist/");
    }

    @Test
    void failsOnTwoFilesServedAtOnePathNamingBoth() throws Exception {
        Files.createDirectories(dist.resolve("a"));
        Files.writeString(dist.resolve("a").resolve("b.html"), "folder");
        Files.writeString(dist.resolve("a\\b.html"), "backslash");
        assertThatThrownBy(() -> scan(Limits.standard()))
                .isInstanceOf(dev.slipway.builder.outcome.Failure.class)
                .hasMessageContaining("a\\b.html")
                .hasMessageContaining("a/b.html");
    }

    @Test
    void failsOnLinkLoop() throws Exception {
        Files.createSymbolicLink(dist.resolve("loop"), dist);
        assertThatThrownBy(() -> scan(Limits.standard()))
                .hasMessageContaining("The link loop in dist/ makes a loop");
    }

    @Test
    void failsOnDanglingLink() throws Exception {
        Files.createSymbolicLink(dist.resolve("gone.html"), Path.of("missing.html"));
        assertThatThrownBy(() -> scan(Limits.standard()))
                .hasMessageContaining(
                        "The link gone.html in dist/ points to missing.html, which does not exist");
    }

    @Test
    void failsOnLinkedFolderOutsideTheOutput() throws Exception {
        Files.createSymbolicLink(dist.resolve("etc"), Path.of("/etc"));
        assertThatThrownBy(() -> scan(Limits.standard()))
                .hasMessageContaining(
                        "The link etc in dist/ points to /etc, outside the output folder");
    }

    @Test
    void enforcesFileCountAndSizeLimits() throws Exception {
        Files.writeString(dist.resolve("b.html"), "x".repeat(100));
        assertThatThrownBy(() -> scan(new Limits(1, 1000, 10_000)))
                .hasMessageContaining("more than 1 files");
        assertThatThrownBy(() -> scan(new Limits(10, 50, 10_000)))
                .hasMessageContaining("b.html is 0.0 MiB; a file may be at most");
        assertThatThrownBy(() -> scan(new Limits(10, 1000, 50)))
                .hasMessageContaining("holds more than");
    }

    @Test
    void skipsTopLevelGitFolder() throws Exception {
        Files.createDirectories(dist.resolve(".git"));
        Files.writeString(dist.resolve(".git/config"), "[core]");
        assertThat(
                        new OutputScanner(
                                        dist,
                                        "the repository root",
                                        Set.of(".git"),
                                        Limits.standard(),
                                        w -> {})
                                .scan())
                .extracting(OutputFile::path)
                .containsExactly("index.html");
    }

    @Test
    void leavesOutConfigurationAndPrivateFilesAndNamesThem() throws Exception {
        for (String f :
                List.of(
                        "slipway.json",
                        "vercel.json",
                        "netlify.toml",
                        "_redirects",
                        "_headers",
                        ".gitignore",
                        ".github/workflows/ci.yml",
                        ".slipway/project.json",
                        ".env",
                        "nested/.env.production",
                        "nested/.git/config",
                        "nested/_redirects",
                        "nested/vercel.json",
                        ".well-known/security.txt")) {
            Path p = dist.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
        OutputScanner scanner =
                new OutputScanner(dist, "dist/", Set.of(), Limits.standard(), w -> {});

        List<String> published = scanner.scan().stream().map(OutputFile::path).toList();

        assertThat(published)
                .containsExactlyInAnyOrder(
                        "index.html",
                        "nested/_redirects",
                        "nested/vercel.json",
                        ".well-known/security.txt");
        assertThat(scanner.leftOut())
                .containsExactlyInAnyOrder(
                        "slipway.json",
                        "vercel.json",
                        "netlify.toml",
                        "_redirects",
                        "_headers",
                        ".gitignore",
                        ".github/",
                        ".slipway/",
                        ".env",
                        "nested/.env.production",
                        "nested/.git/");
    }
}
