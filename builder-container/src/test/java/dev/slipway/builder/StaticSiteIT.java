package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain static site (no package.json), built end to end by the runnable jar, as launchers run it.
 */
class StaticSiteIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir Path temp;

    @Test
    void publishesPlainStaticSiteAndMakesItLive() throws Exception {
        BuilderHarness harness = new BuilderHarness(s3, redis);
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("site"),
                        Map.of(
                                "index.html", "<!doctype html><h1>Hello</h1>",
                                "about/index.html", "<h1>About</h1>",
                                "css/style.css", "body { color: #333; }\n".repeat(2000),
                                "404.html", "<h1>Not here</h1>"));
        DeploymentId id = DeploymentId.newId();
        List<String> announced = new CopyOnWriteArrayList<>();
        StatefulRedisPubSubConnection<String, String> sub = redis.client().connectPubSub();
        sub.addListener(
                new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        announced.add(message);
                    }
                });
        sub.sync().subscribe(LogProtocol.PROJECTS_CHANNEL);

        BuilderHarness.Run run =
                harness.runJar(harness.env(repo.url(), "hello", id), Duration.ofSeconds(90));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Manifest manifest = harness.manifest("hello", id);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(manifest.framework()).isEqualTo("static");
        assertThat(manifest.commit()).isEqualTo(repo.head());
        assertThat(manifest.ref()).isEqualTo("main");
        assertThat(manifest.isSpa())
                .as("a site with 404.html is not an SPA in auto mode")
                .isFalse();
        assertThat(manifest.files())
                .containsOnlyKeys("index.html", "about/index.html", "css/style.css", "404.html");
        assertThat(Objects.requireNonNull(manifest.files().get("css/style.css")).contentType())
                .isEqualTo("text/css; charset=utf-8");
        assertThat(harness.servedText("hello", id, "about/index.html")).isEqualTo("<h1>About</h1>");
        String cssSha = Objects.requireNonNull(manifest.files().get("css/style.css")).sha256();
        assertThat(harness.object(StorageLayout.blob(cssSha, StorageLayout.Encoding.BROTLI)))
                .as("brotli variant of a compressible file")
                .isPresent();
        assertThat(harness.object(StorageLayout.blob(cssSha, StorageLayout.Encoding.GZIP)))
                .as("no stored gzip for a file the proxy keeps in memory: it gzips it itself")
                .isEmpty();
        assertThat(Objects.requireNonNull(manifest.files().get("css/style.css")).encodings())
                .containsExactly("br");
        assertThat(Objects.requireNonNull(manifest.files().get("index.html")).encodings())
                .as("small: no stored variant (the proxy gzips it), and the manifest says so")
                .isEmpty();

        assertThat(harness.record("hello"))
                .hasValueSatisfying(
                        r -> {
                            assertThat(r.liveDeploymentId()).isEqualTo(id.value());
                            assertThat(r.repoUrl()).isEqualTo(repo.url());
                        });

        List<LogEvent> stream = harness.stream(id);
        BuilderHarness.assertWholeLog(stream);
        LogEvent last = stream.get(stream.size() - 1);
        assertThat(last.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(last.url()).isEqualTo("http://hello.localhost:8000/");
        assertThat(stream)
                .filteredOn(LogEvent::isStatus)
                .extracting(LogEvent::status)
                .containsExactly(
                        DeploymentStatus.CLONING,
                        DeploymentStatus.INSTALLING,
                        DeploymentStatus.BUILDING,
                        DeploymentStatus.UPLOADING,
                        DeploymentStatus.READY);
        assertThat(harness.archive("hello", id)).isEqualTo(stream);
        assertThat(redis.connection().sync().ttl(LogProtocol.streamKey(id)))
                .isBetween(
                        LogProtocol.RETENTION.toSeconds() - 60, LogProtocol.RETENTION.toSeconds());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> announced.contains("hello"));
        sub.close();
    }
}
