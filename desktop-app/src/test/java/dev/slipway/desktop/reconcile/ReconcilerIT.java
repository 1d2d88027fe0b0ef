package dev.slipway.desktop.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build whose process is gone without a terminal event is ended once: FAILED event, FAILED
 * manifest, archive, pid file and work folder removed; a running one is left alone.
 */
class ReconcilerIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static LogStreams streams;
    private static BucketStore bucket;

    @TempDir Path home;
    @TempDir Path tmp;

    @BeforeAll
    static void wire() {
        streams = new LogStreams(redis.url(), "start the test Redis");
        bucket = new BucketStore(s3.client(), s3.bucket(), "the test bucket", "start the test S3");
    }

    @AfterAll
    static void close() {
        streams.close();
    }

    private DeploymentId started(Slug project, ProcessHandle process) throws Exception {
        DeploymentId id = DeploymentId.newId();
        streams.append(
                id,
                LogEvent.status(LogProtocol.LAUNCHER_SEQ, Instant.now(), DeploymentStatus.QUEUED));
        streams.append(id, LogEvent.status(1, Instant.now(), DeploymentStatus.INSTALLING));
        Path pid = LocalBuilds.pidFile(new SlipwayHome(home), id);
        Files.createDirectories(pid.getParent());
        Files.writeString(pid, LocalBuilds.pidLine(process, project), StandardCharsets.UTF_8);
        Files.createDirectories(tmp.resolve("slipway-build-" + id + "-123").resolve("source"));
        return id;
    }

    private Reconciler reconciler(LocalBuilds builds) {
        return new Reconciler(bucket, streams, List.of(builds), builds, Clock.systemUTC());
    }

    @Test
    void deadBuilderIsEndedOnceWithManifestAndArchive() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        assertThat(dead.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Slug project = Slug.of("dead");
        DeploymentId id = started(project, dead.toHandle());
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);
        assertThat(builds.known()).containsExactly(new LocalBuilds.Known(project, id));

        assertThat(reconciler(builds).reconcile(project, id))
                .isEqualTo(Reconciler.Result.FAILED_NOW);
        assertThat(reconciler(builds).reconcile(project, id)).isEqualTo(Reconciler.Result.ENDED);

        List<LogEvent> events = streams.all(id).stream().map(LogStreams.Entry::event).toList();
        assertThat(events.stream().filter(LogEvent::isTerminal)).hasSize(1);
        assertThat(events.get(events.size() - 1).status()).isEqualTo(DeploymentStatus.FAILED);
        Manifest manifest = bucket.manifest(project, id).orElseThrow();
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(manifest.error()).contains(String.valueOf(dead.pid()));
        String archive = bucket.text(StorageLayout.logArchive(project, id)).orElseThrow();
        assertThat(archive.lines())
                .hasSize(events.size())
                .last()
                .satisfies(l -> assertThat(l).contains("FAILED"));
        assertThat(builds.known()).isEmpty();
        assertThat(Files.list(tmp).toList()).isEmpty();
    }

    @Test
    void runningBuilderIsLeftAlone() throws Exception {
        Process sleeping = new ProcessBuilder("sleep", "600").start();
        try {
            Slug project = Slug.of("alive");
            DeploymentId id = started(project, sleeping.toHandle());
            LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);

            assertThat(reconciler(builds).reconcile(project, id))
                    .isEqualTo(Reconciler.Result.RUNNING);

            assertThat(streams.hasTerminal(id)).isFalse();
            assertThat(bucket.manifest(project, id)).isEmpty();
            assertThat(builds.known()).hasSize(1);
        } finally {
            sleeping.destroyForcibly();
        }
    }

    @Test
    void buildEndedInTheStreamWithoutManifestGetsOne() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        assertThat(dead.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Slug project = Slug.of("half");
        DeploymentId id = started(project, dead.toHandle());
        streams.append(id, LogEvent.failed(2, Instant.now(), "npm run build exited with 1"));
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);

        assertThat(reconciler(builds).reconcile(project, id)).isEqualTo(Reconciler.Result.ENDED);

        assertThat(bucket.manifest(project, id).orElseThrow().error())
                .isEqualTo("npm run build exited with 1");
        assertThat(streams.all(id).stream().filter(e -> e.event().isTerminal())).hasSize(1);
        assertThat(Json.documents().toJson(bucket.manifest(project, id).get())).contains("FAILED");
    }
}
