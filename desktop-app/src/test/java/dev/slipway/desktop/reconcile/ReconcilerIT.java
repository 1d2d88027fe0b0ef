package dev.slipway.desktop.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.process.BuildProcesses;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.logs.RedisLogService;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        return new Reconciler(bucket, streams, List.of(builds), builds, builds, Clock.systemUTC());
    }

    private static Process deadProcess() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        assertThat(dead.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return dead;
    }

    private static List<LogEvent> terminals(DeploymentId id) {
        return streams.all(id).stream()
                .map(LogStreams.Entry::event)
                .filter(LogEvent::isTerminal)
                .toList();
    }

    @Test
    void concurrentReconcilersEndTheBuildExactlyOnce() throws Exception {
        Slug project = Slug.of("race");
        DeploymentId id = started(project, deadProcess().toHandle());
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);
        int racers = 4;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Reconciler.Result>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(
                        pool.submit(
                                () -> {
                                    start.await(60, TimeUnit.SECONDS);
                                    return reconciler(builds).reconcile(project, id);
                                }));
            }
            List<Reconciler.Result> got = new ArrayList<>();
            for (Future<Reconciler.Result> r : results) {
                got.add(r.get(120, TimeUnit.SECONDS));
            }
            assertThat(got).containsOnlyOnce(Reconciler.Result.FAILED_NOW);
        } finally {
            pool.shutdownNow();
        }
        assertThat(terminals(id)).hasSize(1);
        assertThat(bucket.manifest(project, id).orElseThrow().status())
                .isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void reconcilerRacingTheLaunchersOwnEndWritesNoSecondTerminal() throws Exception {
        Slug project = Slug.of("ownend");
        DeploymentId id = started(project, deadProcess().toHandle());
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);
        Reconciler launcherSide = reconciler(builds);

        assertThat(
                        launcherSide.end(
                                project,
                                id,
                                new BuildLiveness.Gone("The builder exited with code 137.")))
                .isEqualTo(Reconciler.Result.FAILED_NOW);
        assertThat(reconciler(builds).end(project, id, new BuildLiveness.Gone("another reason")))
                .isEqualTo(Reconciler.Result.ENDED);

        assertThat(terminals(id))
                .singleElement()
                .satisfies(e -> assertThat(e.error()).contains("137"));
        assertThat(bucket.manifest(project, id).orElseThrow().error()).contains("137");
    }

    @Test
    void canceledBuildWhoseBuilderDiedEndsCanceled() throws Exception {
        Slug project = Slug.of("stopped");
        DeploymentId id = started(project, deadProcess().toHandle());
        Files.writeString(LocalBuilds.cancelMarker(new SlipwayHome(home), id), "canceled");
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);

        assertThat(reconciler(builds).reconcile(id)).isEqualTo(Reconciler.Result.FAILED_NOW);

        assertThat(terminals(id))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(DeploymentStatus.CANCELED));
        assertThat(bucket.manifest(project, id).orElseThrow().status())
                .isEqualTo(DeploymentStatus.CANCELED);
        assertThat(LocalBuilds.cancelMarker(new SlipwayHome(home), id)).doesNotExist();
    }

    @Test
    void readyManifestWhosePublishDidNotFinishBecomesFailed() throws Exception {
        Slug project = Slug.of("halfpub");
        DeploymentId id = started(project, deadProcess().toHandle());
        bucket.putText(
                StorageLayout.manifest(project, id),
                Json.documents().toJson(readyManifest(project, id)),
                "application/json");
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);

        assertThat(reconciler(builds).reconcile(project, id))
                .isEqualTo(Reconciler.Result.FAILED_NOW);

        Manifest manifest = bucket.manifest(project, id).orElseThrow();
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(manifest.error()).contains("before making the deployment live");
        assertThat(terminals(id))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(DeploymentStatus.FAILED));
    }

    @Test
    void readyManifestThatWentLiveEndsReady() throws Exception {
        Slug project = Slug.of("fullpub");
        DeploymentId id = started(project, deadProcess().toHandle());
        bucket.putText(
                StorageLayout.manifest(project, id),
                Json.documents().toJson(readyManifest(project, id)),
                "application/json");
        bucket.putText(
                StorageLayout.project(project),
                Json.documents()
                        .toJson(
                                new ProjectRecord(
                                        project.value(),
                                        "https://github.com/o/r",
                                        ProjectSettings.defaults(),
                                        id.value(),
                                        Instant.now())),
                "application/json");
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);

        reconciler(builds).reconcile(project, id);

        assertThat(bucket.manifest(project, id).orElseThrow().status())
                .isEqualTo(DeploymentStatus.READY);
        assertThat(terminals(id))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(DeploymentStatus.READY));
    }

    @Test
    void readyManifestRolledBackFromAfterItsPublishStaysReady() throws Exception {
        Slug project = Slug.of("rolled");
        DeploymentId older = DeploymentId.newId();
        DeploymentId id = started(project, deadProcess().toHandle());
        bucket.putText(
                StorageLayout.manifest(project, id),
                Json.documents().toJson(readyManifest(project, id)),
                "application/json");
        bucket.putText(
                StorageLayout.project(project),
                Json.documents()
                        .toJson(
                                new ProjectRecord(
                                        project.value(),
                                        "https://github.com/o/r",
                                        ProjectSettings.defaults(),
                                        older.value(),
                                        Instant.now().plusSeconds(5))),
                "application/json");
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);

        reconciler(builds).reconcile(project, id);

        assertThat(bucket.manifest(project, id).orElseThrow().status())
                .isEqualTo(DeploymentStatus.READY);
    }

    @Test
    void deadBuildersDetachedDaemonIsKilledByItsCookie() throws Exception {
        Slug project = Slug.of("daemon");
        DeploymentId id = started(project, deadProcess().toHandle());
        ProcessBuilder pb = new ProcessBuilder("setsid", "sleep", "1000");
        pb.environment().put(BuildProcesses.COOKIE, id.value());
        Process daemon = pb.start();
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);

        reconciler(builds).reconcile(project, id);

        assertThat(daemon.waitFor(30, TimeUnit.SECONDS))
                .as("the daemon with the build's cookie was killed")
                .isTrue();
    }

    @Test
    void followerOfADeadBuildEndsWithFailedInsteadOfWaiting() throws Exception {
        Slug project = Slug.of("follow");
        DeploymentId id = started(project, deadProcess().toHandle());
        LocalBuilds builds = new LocalBuilds(new SlipwayHome(home), tmp);
        Backend backend =
                Backend.of(
                        SlipwayConfig.defaults(),
                        bucket,
                        streams,
                        null,
                        reconciler(builds),
                        List.of());
        RedisLogService logs = new RedisLogService(() -> backend, Duration.ofSeconds(60));
        List<LogEvent> seen = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        try (LogService.LogSubscription s = logs.follow(id, seen::add, ended::countDown, e -> {})) {
            assertThat(ended.await(60, TimeUnit.SECONDS)).as("the follower ended").isTrue();
        }
        assertThat(seen.get(seen.size() - 1).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(bucket.manifest(project, id)).isPresent();
    }

    private static Manifest readyManifest(Slug project, DeploymentId id) {
        return new Manifest(
                project.value(),
                id.value(),
                DeploymentStatus.READY,
                "https://github.com/o/r",
                "main",
                null,
                null,
                id.createdAt(),
                Instant.now(),
                null,
                false,
                null,
                Map.of());
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
