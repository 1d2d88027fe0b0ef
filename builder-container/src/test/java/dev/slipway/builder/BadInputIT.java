package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with exit 2 and a FAILED status that says what to set, writing nothing else. */
class BadInputIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir Path temp;

    private final BuilderHarness harness = new BuilderHarness(s3, redis);

    @Test
    void badSlugExits2WithFailedStatusAndWritesNothingToTheBucket() throws Exception {
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = new HashMap<>(harness.env("https://github.com/o/r", "x", id));
        env.put("PROJECT_ID", "My_Site");
        List<String> before = harness.keys("");

        BuilderHarness.Run run = harness.runProcess(env, LIMIT);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr())
                .contains("PROJECT_ID: 'My_Site' is not a valid project name")
                .contains("try 'my-site'");
        List<LogEvent> stream = harness.stream(id);
        assertThat(stream).hasSize(1);
        assertThat(stream.get(0).seq()).isEqualTo(1);
        assertThat(stream.get(0).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(stream.get(0).error()).contains("PROJECT_ID");
        assertThat(harness.keys("")).isEqualTo(before);
    }

    @Test
    void plainHttpUrlExits2AndWritesOnlyThisDeploymentsManifestAndLog() throws Exception {
        DeploymentId id = DeploymentId.newId();
        List<String> before = harness.keys("");

        BuilderHarness.Run run =
                harness.runProcess(harness.env("http://example.com/o/r.git", "plain", id), LIMIT);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("uses plain http").contains("https://");
        LogEvent last = harness.stream(id).get(0);
        assertThat(last.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(last.error())
                .contains("GIT_REPOSITORY_URL=http://example.com/o/r.git uses plain http");
        assertThat(harness.manifest("plain", id).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(harness.manifest("plain", id).error()).isEqualTo(last.error());
        assertThat(harness.archive("plain", id)).containsExactly(last);
        List<String> written = harness.keys("");
        written.removeAll(before);
        assertThat(written)
                .containsExactlyInAnyOrder(
                        StorageLayout.manifest(Slug.of("plain"), id),
                        StorageLayout.logArchive(Slug.of("plain"), id));
    }

    @Test
    void localPathIsRefusedUnlessAllowed() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("local"), Map.of("index.html", "hi"));
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = new HashMap<>(harness.env(repo.url(), "local", id));
        env.remove("ALLOW_LOCAL_REPOSITORY");

        BuilderHarness.Run run = harness.run(env, LIMIT);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(harness.stream(id).get(0).error())
                .contains("is a local path")
                .contains("only https:// repositories");
    }

    @Test
    void missingRefExits2NamingTheBranches() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("refs"), Map.of("index.html", "hi"));
        repo.branch("feature");
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = new HashMap<>(harness.env(repo.url(), "refs", id));
        env.put("GIT_REF", "nope");

        BuilderHarness.Run run = harness.run(env, LIMIT);

        assertThat(run.exitCode()).isEqualTo(2);
        List<LogEvent> stream = harness.stream(id);
        BuilderHarness.assertWholeLog(stream);
        assertThat(stream.get(stream.size() - 1).error())
                .isEqualTo(
                        "The ref 'nope' is neither a branch, a tag nor a commit of "
                                + repo.url()
                                + " (branches: feature, main): set GIT_REF to one that exists.");
        assertThat(harness.manifest("refs", id).status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void folderThatIsNoRepositoryExits2WithOneLine() throws Exception {
        Path empty = temp.resolve("not-a-repo");
        java.nio.file.Files.createDirectories(empty);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(empty.toString(), "norepo", id), LIMIT);

        assertThat(run.exitCode()).isEqualTo(2);
        String error = harness.manifest("norepo", id).error();
        assertThat(error)
                .startsWith("No Git repository at " + empty)
                .doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void projectOfAnotherRepositoryIsRefusedUnlessForced() throws Exception {
        GitFixture first =
                GitFixture.withFiles(temp.resolve("first"), Map.of("index.html", "first"));
        GitFixture second =
                GitFixture.withFiles(temp.resolve("second"), Map.of("index.html", "second"));
        DeploymentId a = DeploymentId.newId();
        assertThat(harness.run(harness.env(first.url(), "owned", a), LIMIT).exitCode()).isZero();
        DeploymentId b = DeploymentId.newId();

        BuilderHarness.Run refused = harness.run(harness.env(second.url(), "owned", b), LIMIT);

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(harness.manifest("owned", b).error())
                .contains("belongs to " + first.url())
                .contains("FORCE=true");
        assertThat(harness.record("owned").orElseThrow().liveDeploymentId()).isEqualTo(a.value());

        DeploymentId c = DeploymentId.newId();
        Map<String, String> forced = new HashMap<>(harness.env(second.url(), "owned", c));
        forced.put("FORCE", "true");
        assertThat(harness.run(forced, LIMIT).exitCode()).isZero();
        assertThat(harness.record("owned").orElseThrow().repoUrl()).isEqualTo(second.url());
        assertThat(harness.servedText("owned", c, "index.html")).isEqualTo("second");
    }
}
