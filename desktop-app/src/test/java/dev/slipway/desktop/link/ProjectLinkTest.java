package dev.slipway.desktop.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.project.Slug;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLinkTest {

    @TempDir Path dir;

    @Test
    void aLinkIsFoundFromTheFolderAndBelowItAndRemovedWithItsFolder() throws Exception {
        ProjectLink.write(dir, Slug.of("blog"));
        assertThat(dir.resolve(".slipway/project.json")).hasContent("{\"project\":\"blog\"}\n");
        assertThat(dir.resolve(".slipway/.gitignore")).hasContent("*\n");
        Path below = Files.createDirectories(dir.resolve("src/pages"));

        assertThat(ProjectLink.find(below))
                .contains(new ProjectLink.Linked(dir.toAbsolutePath(), Slug.of("blog")));

        assertThat(ProjectLink.remove(dir)).isTrue();
        assertThat(dir.resolve(".slipway")).doesNotExist();
        assertThat(ProjectLink.find(below)).isEmpty();
        assertThat(ProjectLink.remove(dir)).isFalse();
    }
}
