package dev.slipway.builder.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteFoldersTest {

    @TempDir Path app;

    private void write(String path) throws Exception {
        Path p = app.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "<h1>" + path + "</h1>");
    }

    @Test
    void findsTheOutermostFolderTheBuildWroteAnIndexInto() throws Exception {
        write("public/index.html");
        write("src/index.html");
        SiteFolders before = SiteFolders.snapshot(app);

        write("docs/.vitepress/dist/index.html");
        write("docs/.vitepress/dist/guide/index.html");
        write("node_modules/pkg/index.html");
        write(".next/server/app/index.html");
        write(".svelte-kit/output/prerendered/pages/index.html");

        assertThat(before.writtenSince()).containsExactly("docs/.vitepress/dist");
    }

    @Test
    void aChangedIndexCountsAndTheFrameworksFolderIsPreferred() throws Exception {
        write("build/index.html");
        write("public/index.html");
        Files.setLastModifiedTime(
                app.resolve("build/index.html"),
                FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        SiteFolders before = SiteFolders.snapshot(app);

        write("build/index.html");
        write("a/index.html");

        assertThat(before.writtenSince()).containsExactly("a", "build");
        assertThat(before.writtenSince(List.of("build"))).contains("build");
        assertThat(before.writtenSince(List.of("out"))).contains("a");
    }

    @Test
    void theAppFolderItselfIsNeverTheOutput() throws Exception {
        SiteFolders before = SiteFolders.snapshot(app);
        write("index.html");
        assertThat(before.writtenSince()).isEmpty();
    }
}
