package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Node apps without dependencies (built by real npm and node), through the builder process. */
class NodeBuildIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir Path temp;

    private final BuilderHarness harness = new BuilderHarness(s3, redis);

    @Test
    void streamsEveryLineOfBothStreamsInOrderAndPublishesBuildFolder() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("chatty"), NodeApps.chatty(5000));
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "chatty", id), LIMIT);

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        List<LogEvent> stream = harness.stream(id);
        BuilderHarness.assertWholeLog(stream);
        List<String> out = lines(stream, Phase.BUILD, OutputStream.STDOUT);
        List<String> err = lines(stream, Phase.BUILD, OutputStream.STDERR);
        out = out.subList(out.indexOf("out line 0"), out.size());
        assertThat(out.subList(0, 5000)).isEqualTo(numbered("out line ", 5000));
        assertThat(err).containsSubsequence(numbered("err line ", 5000)).hasSize(5000);
        // A 3 MiB line arrives whole, in 1 MiB pieces; bytes that are not UTF-8 do not break the
        // line.
        assertThat(out.subList(5000, 5003)).allMatch(l -> l.matches("L+"));
        assertThat(out.subList(5000, 5003).stream().mapToInt(String::length).sum())
                .isEqualTo(3 * 1024 * 1024);
        assertThat(out.get(5003)).isEqualTo("bad\uFFFD\uFFFD!");
        assertThat(out.get(5004)).isEqualTo("\u001b[32mgreen\u001b[0m");
        assertThat(harness.archive("chatty", id)).isEqualTo(stream);

        Manifest manifest = harness.manifest("chatty", id);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(manifest.framework()).isEqualTo("node");
        assertThat(manifest.files()).containsOnlyKeys("index.html", "env.json", "assets/app.js");
        assertThat(Objects.requireNonNull(manifest.files().get("assets/app.js")).contentType())
                .isEqualTo("text/javascript; charset=utf-8");
        assertThat(manifest.isSpa()).as("index.html and no 404.html: an SPA in auto mode").isTrue();
        assertThat(stream).anySatisfy(e -> assertThat(e.line()).contains("using build/"));
    }

    @Test
    void buildGetsOnlyItsCleanEnvironmentAndNoSecret() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("envapp"), NodeApps.chatty(1));
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = new HashMap<>(harness.env(repo.url(), "envapp", id));
        env.put("GIT_TOKEN", "ghp_TopSecretToken1234567890");
        env.put("AWS_SESSION_TOKEN", "session-token-that-must-not-leak");
        env.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abcdef");
        env.put("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/abc");
        env.put("BUILD_ENV", "{\"VITE_GREETING\":\"hello\",\"RETRIES\":3}");

        BuilderHarness.Run run = harness.runProcess(env, LIMIT);

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        JsonObject seen =
                JsonParser.parseString(harness.servedText("envapp", id, "env.json"))
                        .getAsJsonObject();
        Set<String> allowed =
                new java.util.HashSet<>(
                        Set.of(
                                "PATH",
                                "HOME",
                                "LANG",
                                "CI",
                                "NODE_ENV",
                                "VITE_GREETING",
                                "RETRIES"));
        // The deployment id that marks the build's processes for the kill of its whole tree, and
        // the host's CA and proxy settings when this machine has them.
        allowed.add(dev.slipway.core.process.BuildProcesses.COOKIE);
        allowed.addAll(dev.slipway.builder.process.BuildEnvironment.NETWORK_VARIABLES);
        // npm adds its own npm_* and a few node variables when it runs the script; nothing else.
        for (String key : seen.keySet()) {
            assertThat(
                            allowed.contains(key)
                                    || key.startsWith("npm_")
                                    || key.equals("INIT_CWD")
                                    || key.equals("NODE")
                                    || key.equals("COLOR")
                                    || key.equals("EDITOR")
                                    || key.equals("PWD")
                                    || key.equals("OLDPWD")
                                    || key.equals("SHLVL")
                                    || key.equals("_"))
                    .as("unexpected variable %s in the build's environment", key)
                    .isTrue();
        }
        String all = seen.toString();
        for (String secret :
                List.of(
                        S3ServerExtension.SECRET_KEY,
                        S3ServerExtension.ACCESS_KEY,
                        "ghp_TopSecretToken1234567890",
                        "session-token-that-must-not-leak",
                        "/v2/credentials/abcdef",
                        redis.url(),
                        s3.bucket(),
                        s3.endpoint().toString())) {
            assertThat(all).doesNotContain(secret);
        }
        assertThat(seen.get("CI").getAsString()).isEqualTo("1");
        assertThat(seen.get("NODE_ENV").getAsString()).isEqualTo("production");
        assertThat(seen.get("VITE_GREETING").getAsString()).isEqualTo("hello");
        assertThat(seen.get("RETRIES").getAsString()).isEqualTo("3");
        assertThat(
                        String.join(
                                "\n",
                                harness.archive("envapp", id).stream()
                                        .map(LogEvent::toJson)
                                        .toList()))
                .doesNotContain("ghp_TopSecretToken1234567890");
    }

    @Test
    void failingBuildEndsFailedWithItsStderrAndLeavesLiveDeploymentAlone() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("flaky"), NodeApps.chatty(1));
        DeploymentId good = DeploymentId.newId();
        assertThat(harness.run(harness.env(repo.url(), "flaky", good), LIMIT).exitCode()).isZero();
        repo.commit(
                "break the build",
                Map.of(
                        "build.js",
                        "console.error('Error: cannot resolve ./missing'); process.exit(2);"));
        DeploymentId bad = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "flaky", bad), LIMIT);

        assertThat(run.exitCode()).isEqualTo(1);
        List<LogEvent> stream = harness.stream(bad);
        BuilderHarness.assertWholeLog(stream);
        assertThat(stream)
                .anySatisfy(
                        e -> {
                            assertThat(e.stream()).isEqualTo(OutputStream.STDERR);
                            assertThat(e.phase()).isEqualTo(Phase.BUILD);
                            assertThat(e.line()).isEqualTo("Error: cannot resolve ./missing");
                        });
        LogEvent last = stream.get(stream.size() - 1);
        assertThat(last.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(last.error()).isEqualTo("npm run build exited with 2: see the build log above.");
        Manifest manifest = harness.manifest("flaky", bad);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(manifest.error()).isEqualTo(last.error());
        assertThat(manifest.files()).isEmpty();
        assertThat(harness.record("flaky").orElseThrow().liveDeploymentId())
                .isEqualTo(good.value());
        assertThat(harness.archive("flaky", bad)).isEqualTo(stream);
    }

    @Test
    void linkLeadingOutOfTheOutputFailsNamingItAndUploadsNothing() throws Exception {
        Path outside = temp.resolve("secret.txt");
        Files.writeString(outside, "private key material");
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("linky"),
                        NodeApps.withBuildScript(
                                """
        const fs = require('fs');
        fs.mkdirSync('dist', {recursive: true});
        fs.writeFileSync('dist/index.html', '<h1>hi</h1>');
        fs.symlinkSync('index.html', 'dist/home.html');
        fs.symlinkSync('%s', 'dist/leak.txt');
        """
                                        .formatted(outside.toString())));
        DeploymentId id = DeploymentId.newId();
        List<String> blobsBefore = harness.keys(StorageLayout.BLOBS);

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "linky", id), LIMIT);

        assertThat(run.exitCode()).isEqualTo(1);
        Manifest manifest = harness.manifest("linky", id);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(manifest.error())
                .contains("leak.txt")
                .contains(outside.toString())
                .contains("outside the output folder");
        assertThat(harness.keys(StorageLayout.BLOBS)).isEqualTo(blobsBefore);
        assertThat(harness.record("linky")).isEmpty();
    }

    @Test
    void linkInsideTheOutputIsServedAsItsTarget() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("innerlink"),
                        NodeApps.withBuildScript(
                                """
        const fs = require('fs');
        fs.mkdirSync('dist/docs', {recursive: true});
        fs.writeFileSync('dist/index.html', '<h1>home</h1>');
        fs.symlinkSync('../index.html', 'dist/docs/index.html');
        fs.symlinkSync('docs', 'dist/guide');
        """));
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "innerlink", id), LIMIT);

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        Manifest manifest = harness.manifest("innerlink", id);
        assertThat(manifest.files())
                .containsOnlyKeys("index.html", "docs/index.html", "guide/index.html");
        assertThat(harness.servedText("innerlink", id, "guide/index.html"))
                .isEqualTo("<h1>home</h1>");
    }

    @Test
    void redeployOfSameCommitUploadsNoBlob() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("again"),
                        NodeApps.withBuildScript(
                                """
        const fs = require('fs');
        fs.mkdirSync('dist', {recursive: true});
        for (let i = 0; i < 30; i++) fs.writeFileSync('dist/page' + i + '.html', '<p>page ' + i + '</p>'.repeat(100));
        """));
        DeploymentId first = DeploymentId.newId();
        assertThat(harness.run(harness.env(repo.url(), "again", first), LIMIT).exitCode()).isZero();
        List<String> blobs = harness.keys(StorageLayout.BLOBS);
        DeploymentId second = DeploymentId.newId();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "again", second), LIMIT);

        assertThat(run.exitCode()).isZero();
        assertThat(harness.stream(second))
                .anySatisfy(
                        e ->
                                assertThat(e.line())
                                        .isEqualTo(
                                                "All 30 blobs are in the bucket already: nothing to upload"));
        assertThat(harness.keys(StorageLayout.BLOBS)).isEqualTo(blobs);
        assertThat(harness.manifest("again", second).files())
                .isEqualTo(harness.manifest("again", first).files());
        assertThat(harness.record("again").orElseThrow().liveDeploymentId())
                .isEqualTo(second.value());
    }

    @Test
    void olderBuildFinishingLastDoesNotReplaceNewerLiveDeployment() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("race"), NodeApps.chatty(1));
        DeploymentId older = DeploymentId.newId();
        DeploymentId newer = DeploymentId.newId();
        assertThat(harness.run(harness.env(repo.url(), "race", newer), LIMIT).exitCode()).isZero();

        BuilderHarness.Run run = harness.run(harness.env(repo.url(), "race", older), LIMIT);

        assertThat(run.exitCode()).isZero();
        assertThat(harness.manifest("race", older).status()).isEqualTo(DeploymentStatus.READY);
        assertThat(harness.record("race").orElseThrow().liveDeploymentId())
                .isEqualTo(newer.value());
        assertThat(harness.stream(older))
                .anySatisfy(
                        e ->
                                assertThat(e.line())
                                        .contains(
                                                newer.value()
                                                        + ", started after this one, is live already"));
    }

    private static List<String> lines(List<LogEvent> events, Phase phase, OutputStream stream) {
        return events.stream()
                .filter(e -> e.isLine() && e.phase() == phase && e.stream() == stream)
                .map(LogEvent::line)
                .toList();
    }

    private static List<String> numbered(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
