package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Redis going away mid-build never stops the build; the archive keeps every line. */
class RedisOutageIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir Path temp;

    private final BuilderHarness harness = new BuilderHarness(s3, redis);

    @AfterEach
    void redisBack() throws Exception {
        redis.start();
    }

    /**
     * Prints 200 lines, waits for {@code go}, prints 200 more, writes dist/ and then {@code
     * go.done}.
     */
    private GitFixture pausingApp(String name, Path go) {
        return GitFixture.withFiles(
                temp.resolve(name),
                NodeApps.withBuildScript(
                        """
        const fs = require('fs');
        for (let i = 0; i < 200; i++) console.log('before ' + i);
        const wait = setInterval(() => {
          if (!fs.existsSync('%s')) return;
          clearInterval(wait);
          for (let i = 0; i < 200; i++) console.log('after ' + i);
          fs.mkdirSync('dist', {recursive: true});
          fs.writeFileSync('dist/index.html', '<h1>made it</h1>');
          fs.writeFileSync('%s.done', '');
        }, 50);
        """
                                .formatted(go, go)));
    }

    @Test
    void redisGoneForGoodStillPublishesArchivesEveryLineAndExits3() throws Exception {
        Path go = temp.resolve("go-1");
        GitFixture repo = pausingApp("gone", go);
        DeploymentId id = DeploymentId.newId();
        CompletableFuture<BuilderHarness.Run> build =
                CompletableFuture.supplyAsync(
                        () ->
                                harness.run(
                                        harness.env(repo.url(), "gone", id),
                                        Duration.ofSeconds(60)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                harness.stream(id).stream()
                                        .anyMatch(e -> "before 199".equals(e.line())));

        redis.stop();
        Files.writeString(go, "go");
        BuilderHarness.Run run = build.get();

        assertThat(run.exitCode())
                .as("READY, but its end never reached Redis: Redis down for good")
                .isEqualTo(3);
        assertThat(harness.manifest("gone", id).status()).isEqualTo(DeploymentStatus.READY);
        assertThat(harness.record("gone").orElseThrow().liveDeploymentId()).isEqualTo(id.value());
        List<LogEvent> archive = harness.archive("gone", id);
        BuilderHarness.assertWholeLog(archive);
        assertThat(archive)
                .extracting(LogEvent::line)
                .contains("before 0", "before 199", "after 0", "after 199");
        assertThat(archive.get(archive.size() - 1).status()).isEqualTo(DeploymentStatus.READY);
        assertThat(archive.get(archive.size() - 2).line())
                .matches(
                        "warning: \\d+ of \\d+ log events could not be streamed to Redis; the complete log is archived at logs/gone/"
                                + id
                                + ".ndjson");
    }

    @Test
    void redisBackMidBuildGetsTheRestOfTheLogInOrder() throws Exception {
        Path go = temp.resolve("go-2");
        GitFixture repo = pausingApp("back", go);
        DeploymentId id = DeploymentId.newId();
        CompletableFuture<BuilderHarness.Run> build =
                CompletableFuture.supplyAsync(
                        () ->
                                // The end of the log waits for the reconnect as long as it takes.
                                harness.runInProcess(
                                        harness.env(repo.url(), "back", id),
                                        BuilderHarness.testSettings(Duration.ofSeconds(120))));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                harness.stream(id).stream()
                                        .anyMatch(e -> "before 199".equals(e.line())));

        redis.stop();
        Files.writeString(go, "go");
        // Redis comes back only once the build has printed the rest of its log without it.
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(Path.of(go + ".done")));
        redis.start();
        BuilderHarness.Run run = build.get();

        assertThat(run.exitCode()).isZero();
        // The restarted Redis is empty: it holds what was logged while it was away, and after.
        List<LogEvent> stream = harness.stream(id);
        assertThat(stream.get(stream.size() - 1).status()).isEqualTo(DeploymentStatus.READY);
        for (int i = 1; i < stream.size(); i++) {
            assertThat(stream.get(i).seq()).isEqualTo(stream.get(i - 1).seq() + 1);
        }
        assertThat(stream).extracting(LogEvent::line).contains("after 0", "after 199");
        BuilderHarness.assertWholeLog(harness.archive("back", id));
    }
}
