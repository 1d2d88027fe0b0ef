package dev.slipway.builder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.builder.project.ProjectStore;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.S3Clients;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.ConditionalStore;
import dev.slipway.testing.S3ServerExtension;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two builds publish into one project with the older one held between reading the record and
 * writing it, deterministically (a latch in its store): the newer one stays live.
 */
class PublishInterleavingIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();

    private static final String REPO = "https://github.com/o/site";
    private static S3Client client;
    private static Bucket bucket;

    @BeforeAll
    static void builderClient() {
        System.setProperty("aws.accessKeyId", S3ServerExtension.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ServerExtension.SECRET_KEY);
        System.setProperty("aws.region", S3ServerExtension.REGION);
        client = S3Clients.create(s3.endpoint(), 4);
        bucket = new Bucket(client, s3.bucket());
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    /** Holds the first write until released, after its read has happened. */
    private static final class HeldStore implements ConditionalStore {
        private final ConditionalStore delegate;
        final CountDownLatch reachedWrite = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        int writes;

        HeldStore(ConditionalStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Versioned> read(String key) throws IOException {
            return delegate.read(key);
        }

        @Override
        public boolean write(String key, byte[] bytes, String expectedEtag) throws IOException {
            if (writes++ == 0) {
                reachedWrite.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
            return delegate.write(key, bytes, expectedEtag);
        }

        @Override
        public boolean delete(String key, String expectedEtag) throws IOException {
            return delegate.delete(key, expectedEtag);
        }
    }

    private static Manifest manifest(Slug project, DeploymentId id) {
        return new Manifest(
                project.value(),
                id.value(),
                DeploymentStatus.READY,
                REPO,
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

    private static PublishStep step(Slug project, DeploymentId id, String repo, ProjectStore s) {
        return new PublishStep(
                manifest(project, id),
                repo,
                ProjectSettings.defaults(),
                false,
                s,
                p -> true,
                Clock.systemUTC(),
                new BuildLog(Clock.systemUTC(), SecretMasker.none(), List.of()));
    }

    private static ProjectRecord record(Slug project) throws IOException {
        return new ProjectStore(bucket).records().read(project).orElseThrow();
    }

    @Test
    void olderBuildHeldBetweenReadAndWriteDoesNotReplaceTheNewer() throws Exception {
        Slug project = Slug.of("interleave");
        DeploymentId first = DeploymentId.newId();
        step(project, first, REPO, new ProjectStore(bucket)).call();
        DeploymentId older = DeploymentId.newId();
        DeploymentId newer = DeploymentId.newId();
        assertThat(newer.isNewerThan(older)).isTrue();

        HeldStore held = new HeldStore(bucket.conditional());
        CompletableFuture<Published> olderPublish =
                CompletableFuture.supplyAsync(
                        () -> step(project, older, REPO, new ProjectStore(bucket, held)).call());
        assertThat(held.reachedWrite.await(60, TimeUnit.SECONDS)).isTrue();

        Published newerPublish = step(project, newer, REPO, new ProjectStore(bucket)).call();
        held.release.countDown();

        assertThat(newerPublish.live()).isTrue();
        assertThat(olderPublish.get(60, TimeUnit.SECONDS).live()).isFalse();
        assertThat(record(project).liveDeploymentId()).isEqualTo(newer.value());
        assertThat(held.writes).isEqualTo(1);
    }

    @Test
    void takeoverBetweenReadAndWriteIsRefusedAtTheWrite() throws Exception {
        Slug project = Slug.of("takeover");
        step(project, DeploymentId.newId(), REPO, new ProjectStore(bucket)).call();
        DeploymentId mine = DeploymentId.newId();
        HeldStore held = new HeldStore(bucket.conditional());
        CompletableFuture<Published> mineHeld =
                CompletableFuture.supplyAsync(
                        () -> step(project, mine, REPO, new ProjectStore(bucket, held)).call());
        assertThat(held.reachedWrite.await(60, TimeUnit.SECONDS)).isTrue();

        DeploymentId forced = DeploymentId.newId();
        new PublishStep(
                        manifest(project, forced),
                        "https://github.com/other/repo",
                        ProjectSettings.defaults(),
                        true,
                        new ProjectStore(bucket),
                        p -> true,
                        Clock.systemUTC(),
                        new BuildLog(Clock.systemUTC(), SecretMasker.none(), List.of()))
                .call();
        held.release.countDown();

        assertThatThrownBy(() -> mineHeld.get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(Failure.class);
        assertThat(record(project).repoUrl()).isEqualTo("https://github.com/other/repo");
        assertThat(record(project).liveDeploymentId()).isEqualTo(forced.value());
    }
}
