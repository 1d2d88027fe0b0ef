package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitFixtureIT {

    @TempDir Path tmp;

    @Test
    void clonesBranchesAndTagsThroughJgit() throws Exception {
        String v1;
        String v2;
        try (GitFixture repo = GitFixture.create(tmp.resolve("origin"))) {
            v1 = repo.commit("v1", Map.of("index.html", "<h1>v1</h1>", "css/site.css", "body{}"));
            repo.tag("v1");
            repo.branch("feature");
            repo.commit("feature", Map.of("feature.txt", "yes"));
            repo.checkout("main");
            Map<String, String> change = new HashMap<>();
            change.put("index.html", "<h1>v2</h1>");
            change.put("css/site.css", null);
            v2 = repo.commit("v2", change);
            assertThat(repo.head()).isEqualTo(v2);

            try (Git clone =
                    Git.cloneRepository()
                            .setURI(repo.url())
                            .setDirectory(tmp.resolve("c1").toFile())
                            .setDepth(1)
                            .call()) {
                assertThat(clone.getRepository().getBranch()).isEqualTo("main");
            }
            assertThat(tmp.resolve("c1/index.html")).hasContent("<h1>v2</h1>");
            assertThat(tmp.resolve("c1/css/site.css")).doesNotExist();

            try (Git clone =
                    Git.cloneRepository()
                            .setURI(repo.url())
                            .setDirectory(tmp.resolve("c2").toFile())
                            .setBranch("v1")
                            .call()) {
                assertThat(clone.getRepository().resolve("HEAD").getName()).isEqualTo(v1);
            }
            assertThat(tmp.resolve("c2/index.html")).hasContent("<h1>v1</h1>");

            try (Git clone =
                    Git.cloneRepository()
                            .setURI(repo.url())
                            .setDirectory(tmp.resolve("c3").toFile())
                            .setBranch("feature")
                            .call()) {
                assertThat(Files.exists(tmp.resolve("c3/feature.txt"))).isTrue();
            }
        }
    }
}
