package dev.slipway.desktop.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

class BucketProjectServiceIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static Backend backend;
    private static BucketProjectService service;

    @BeforeAll
    static void wire() {
        LogStreams streams = new LogStreams(redis.url(), "start the test Redis");
        BucketStore bucket =
                new BucketStore(s3.client(), s3.bucket(), "the test bucket", "start the test S3");
        backend = Backend.of(SlipwayConfig.defaults(), bucket, streams, null, List.of(streams));
        service = new BucketProjectService(() -> backend);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static String sha(String content) throws Exception {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static void put(String key, String body) {
        s3.client().putObject(b -> b.bucket(s3.bucket()).key(key), RequestBody.fromString(body));
    }

    /** Stores a deployment the way the builder does: blobs, manifest, log archive. */
    private static DeploymentId deployment(
            Slug project, DeploymentStatus status, Map<String, String> files) throws Exception {
        DeploymentId id = DeploymentId.newId();
        Map<String, FileEntry> entries = new java.util.TreeMap<>();
        for (var f : files.entrySet()) {
            String sha = sha(f.getValue());
            put(StorageLayout.blob(sha), f.getValue());
            put(StorageLayout.blob(sha, StorageLayout.Encoding.GZIP), "gz:" + f.getValue());
            entries.put(
                    f.getKey(),
                    new FileEntry(sha, f.getValue().length(), "text/html; charset=utf-8"));
        }
        Manifest m =
                new Manifest(
                        project.value(),
                        id.value(),
                        status,
                        "https://example.com/o/" + project,
                        "main",
                        "abc123",
                        null,
                        Instant.now(),
                        Instant.now(),
                        null,
                        false,
                        status == DeploymentStatus.READY ? null : "it broke",
                        entries);
        put(StorageLayout.manifest(project, id), Json.documents().toJson(m));
        put(StorageLayout.logArchive(project, id), "{}\n");
        return id;
    }

    private static void record(Slug project, DeploymentId live) {
        put(
                StorageLayout.project(project),
                Json.documents()
                        .toJson(
                                new ProjectRecord(
                                        project.value(),
                                        "https://example.com/o/" + project,
                                        ProjectSettings.defaults(),
                                        live == null ? null : live.value(),
                                        Instant.now())));
    }

    private static List<String> keys() {
        return s3.client().listObjectsV2Paginator(b -> b.bucket(s3.bucket())).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    @Test
    void rollsBackToTheReadyDeploymentBeforeTheLiveOneAndAnnouncesIt() throws Exception {
        Slug p = Slug.of("roll");
        DeploymentId first = deployment(p, DeploymentStatus.READY, Map.of("index.html", "v1"));
        DeploymentId failed = deployment(p, DeploymentStatus.FAILED, Map.of());
        DeploymentId second = deployment(p, DeploymentStatus.READY, Map.of("index.html", "v2"));
        record(p, second);
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

        assertThat(service.rollback(p, null)).isEqualTo(first);
        assertThat(service.project(p).orElseThrow().liveDeploymentId()).isEqualTo(first.value());
        org.awaitility.Awaitility.await().until(() -> announced.contains("roll"));
        sub.close();

        assertThatThrownBy(() -> service.rollback(p, failed))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("ended FAILED");
        assertThatThrownBy(() -> service.rollback(p, null))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("no READY deployment older");
        assertThat(service.rollback(p, second)).isEqualTo(second);
    }

    @Test
    void refusesToRollBackToAnotherProjectsDeployment() throws Exception {
        Slug a = Slug.of("owner-a");
        Slug b = Slug.of("owner-b");
        DeploymentId ofA = deployment(a, DeploymentStatus.READY, Map.of("index.html", "a"));
        DeploymentId ofB = deployment(b, DeploymentStatus.READY, Map.of("index.html", "b"));
        record(a, ofA);
        record(b, ofB);
        assertThatThrownBy(() -> service.rollback(a, ofB))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("is not a deployment of project 'owner-a'");
        assertThat(service.project(a).orElseThrow().liveDeploymentId()).isEqualTo(ofA.value());
    }

    @Test
    void removeDeletesTheProjectsSecretsAndNoOtherProjects(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        var secrets =
                new dev.slipway.desktop.secrets.LocalSecretStore(
                        new dev.slipway.core.config.SlipwayHome(home));
        BucketProjectService removing = new BucketProjectService(() -> backend, b -> secrets);
        Slug gone = Slug.of("secret-gone");
        Slug kept = Slug.of("secret-kept");
        record(gone, deployment(gone, DeploymentStatus.READY, Map.of("index.html", "s-gone")));
        secrets.put(gone, "API_KEY", "sk-gone-123456");
        secrets.put(kept, "API_KEY", "sk-kept-123456");

        removing.remove(gone);

        assertThat(secrets.names(gone)).isEmpty();
        assertThat(home.resolve("secrets").resolve("secret-gone.json")).doesNotExist();
        assertThat(secrets.names(kept)).containsExactly("API_KEY");
    }

    @Test
    void removesEveryKeyOfTheProjectAndOnlyTheBlobsNoOtherProjectUses() throws Exception {
        Slug gone = Slug.of("gone");
        Slug kept = Slug.of("kept");
        DeploymentId g1 =
                deployment(
                        gone,
                        DeploymentStatus.READY,
                        Map.of("index.html", "shared page", "only.css", "only-gone"));
        deployment(gone, DeploymentStatus.READY, Map.of("index.html", "gone v2"));
        record(gone, g1);
        put(StorageLayout.cache(gone, "lock-abc-node20", "tar.gz"), "cache");
        DeploymentId k1 =
                deployment(kept, DeploymentStatus.READY, Map.of("index.html", "shared page"));
        record(kept, k1);
        redis.connection().sync().xadd(LogProtocol.streamKey(g1), Map.of("e", "{}"));

        ProjectService.RemovalPlan plan = service.planRemoval(gone);
        assertThat(plan.deployments()).isEqualTo(2);
        assertThat(plan.blobs()).isEqualTo(2);

        service.remove(gone);

        List<String> left = keys();
        assertThat(left)
                .noneMatch(
                        k ->
                                k.contains("/gone/")
                                        || k.contains("gone.json")
                                        || k.startsWith("cache/gone"));
        assertThat(left)
                .contains(
                        StorageLayout.blob(sha("shared page")),
                        StorageLayout.blob(sha("shared page"), StorageLayout.Encoding.GZIP));
        assertThat(left)
                .doesNotContain(
                        StorageLayout.blob(sha("only-gone")),
                        StorageLayout.blob(sha("gone v2")),
                        StorageLayout.blob(sha("gone v2"), StorageLayout.Encoding.GZIP));
        assertThat(redis.connection().sync().exists(LogProtocol.streamKey(g1))).isZero();
        assertThat(service.list()).extracting(s -> s.record().project()).doesNotContain("gone");
        assertThatThrownBy(() -> service.remove(gone))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("no project 'gone'");
    }

    @Test
    void listShowsAProjectWhoseOnlyBuildFailed() throws Exception {
        Slug p = Slug.of("never-ready");
        DeploymentId failed = deployment(p, DeploymentStatus.FAILED, Map.of());

        assertThat(service.list())
                .anySatisfy(
                        summary -> {
                            assertThat(summary.record().project()).isEqualTo("never-ready");
                            assertThat(summary.record().live()).isEmpty();
                        });
        assertThat(service.deployments(p)).extracting(Manifest::id).containsExactly(failed);
    }
}
