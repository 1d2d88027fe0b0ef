package dev.slipway.worktree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testing.GitFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingTreeTest {

    @TempDir Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve("site").resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void takesEveryFileExceptWhatGitignoreFilesExcludeAndTheAlwaysSkippedFolders()
            throws IOException {
        write("index.html", "<h1>hi</h1>");
        write(".gitignore", "*.log\n/secret.txt\nbuild/\n");
        write("debug.log", "x");
        write("secret.txt", "x");
        write("docs/secret.txt", "kept: the rule is anchored to the root");
        write("build/out.js", "x");
        write("docs/.gitignore", "draft.md\n!keep.log\n");
        write("docs/draft.md", "x");
        write("docs/keep.log", "re-included by the nearer file");
        write("node_modules/lib/index.js", "x");
        write(".git/config", "x");
        write(".slipway/project.json", "{}");

        var paths =
                new WorkingTree(dir.resolve("site"))
                        .files().stream().map(WorkingTree.Entry::path).toList();

        assertThat(paths)
                .containsExactly(
                        ".gitignore",
                        "docs/.gitignore",
                        "docs/keep.log",
                        "docs/secret.txt",
                        "index.html");
    }

    @Test
    void anArchiveUnpacksToTheSameFiles() throws IOException {
        write("index.html", "<h1>hi</h1>");
        write("a/b/c.txt", "deep");
        Path archive = dir.resolve("src.tar.gz");
        new WorkingTree(dir.resolve("site")).archiveTo(archive);

        int n = WorkingTree.extract(archive, dir.resolve("out"));

        assertThat(n).isEqualTo(2);
        assertThat(dir.resolve("out/a/b/c.txt")).hasContent("deep");
        assertThat(dir.resolve("out/index.html")).hasContent("<h1>hi</h1>");
    }

    @Test
    void anArchiveEntryOutsideItsFolderIsRefused() throws IOException {
        Path archive = dir.resolve("evil.tar.gz");
        try (OutputStream raw = Files.newOutputStream(archive);
                TarArchiveOutputStream tar =
                        new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            byte[] body = "x".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("../escaped.txt", true);
            e.setSize(body.length);
            tar.putArchiveEntry(e);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        assertThatThrownBy(() -> WorkingTree.extract(archive, dir.resolve("out")))
                .isInstanceOf(IOException.class);
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void namesTheUncommittedChangesOfAGitWorkingTree() throws IOException {
        GitFixture repo =
                GitFixture.withFiles(
                        dir.resolve("repo"), Map.of("index.html", "one", ".gitignore", "*.tmp\n"));
        Files.writeString(repo.path().resolve("index.html"), "two");
        Files.writeString(repo.path().resolve("new.html"), "new");
        Files.writeString(repo.path().resolve("scratch.tmp"), "ignored");

        assertThat(new WorkingTree(repo.path()).uncommittedChanges())
                .containsExactly("index.html", "new.html");
        assertThat(new WorkingTree(dir.resolve("repo")).files())
                .extracting(WorkingTree.Entry::path)
                .containsExactly(".gitignore", "index.html", "new.html");
    }

    @Test
    void aFolderWithoutGitHasNoUncommittedChanges() throws IOException {
        write("index.html", "x");
        assertThat(new WorkingTree(dir.resolve("site")).uncommittedChanges()).isEmpty();
    }
}
