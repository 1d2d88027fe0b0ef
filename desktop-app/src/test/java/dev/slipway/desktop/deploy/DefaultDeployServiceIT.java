package dev.slipway.desktop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.json.Json;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.launch.BuildEnvironment;
import dev.slipway.desktop.launch.LaunchSpec;
import dev.slipway.desktop.launch.Launcher;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The deploy service writes nothing in the bucket: credentials are refused before anything happens,
 * and the record is left to the builder's READY.
 */
class DefaultDeployServiceIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    /** What the service handed to its launcher; it launches nothing. */
    private static final List<LaunchSpec> launched = new CopyOnWriteArrayList<>();

    private static Backend backend;
    private static DefaultDeployService service;

    @BeforeAll
    static void wire() {
        LogStreams streams = new LogStreams(redis.url(), "start the test Redis");
        BucketStore bucket =
                new BucketStore(s3.client(), s3.bucket(), "the test bucket", "start the test S3");
        Launcher recording =
                new Launcher() {
                    @Override
                    public LaunchedBuild launch(LaunchSpec spec) {
                        launched.add(spec);
                        return new LaunchedBuild(spec.id(), "nothing");
                    }

                    @Override
                    public boolean cancel(DeploymentId id) {
                        return false;
                    }
                };
        backend =
                Backend.of(SlipwayConfig.defaults(), bucket, streams, recording, List.of(streams));
        service = new DefaultDeployService(() -> backend, Map.of(), Path.of("."));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static List<String> keys() {
        return s3.client().listObjectsV2Paginator(b -> b.bucket(s3.bucket())).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pw42x", "p@ss", "pa:ss", "pa ss", "pässwörd", "a/b"})
    void repositoryUrlWithCredentialsIsRefusedBeforeAnythingIsWritten(String password) {
        List<String> before = keys();
        int launches = launched.size();
        String url = "https://alice:" + password + "@git.example.com/o/site";

        assertThatThrownBy(
                        () ->
                                service.deploy(
                                        new DeployRequest(url, "creds", null, Map.of(), false)))
                .isInstanceOfSatisfying(
                        SlipwayException.class,
                        e -> {
                            assertThat(e.getMessage()).doesNotContain(password);
                            assertThat(e.getMessage()).doesNotContain("alice");
                        });
        assertThat(keys()).isEqualTo(before);
        assertThat(launched).hasSize(launches);
    }

    @Test
    void forcedDeployLeavesTheRecordToTheBuildAndTellsTheBuilder() {
        Slug project = Slug.of("owned");
        ProjectRecord owned =
                new ProjectRecord(
                        "owned",
                        "https://github.com/first/site",
                        new ProjectSettings("main", null, null, null, null, null),
                        null,
                        Instant.now());
        String json = Json.documents().toJson(owned);
        s3.client()
                .putObject(
                        b -> b.bucket(s3.bucket()).key(StorageLayout.project(project)),
                        RequestBody.fromString(json));

        service.deploy(
                new DeployRequest(
                        "https://github.com/second/site",
                        "owned",
                        new ProjectSettings("broken-branch", null, null, null, null, null),
                        Map.of(),
                        true));

        assertThat(
                        s3.client()
                                .getObjectAsBytes(
                                        b ->
                                                b.bucket(s3.bucket())
                                                        .key(StorageLayout.project(project)))
                                .asUtf8String())
                .isEqualTo(json);
        LaunchSpec spec = launched.get(launched.size() - 1);
        assertThat(spec.settings().ref()).isEqualTo("broken-branch");
        assertThat(BuildEnvironment.of(spec)).containsEntry("FORCE", "true");
    }

    @Test
    void takeoverWithoutForceIsRefused() {
        Slug project = Slug.of("mine");
        s3.client()
                .putObject(
                        b -> b.bucket(s3.bucket()).key(StorageLayout.project(project)),
                        RequestBody.fromString(
                                Json.documents()
                                        .toJson(
                                                new ProjectRecord(
                                                        "mine",
                                                        "https://github.com/first/site",
                                                        null,
                                                        null,
                                                        Instant.now()))));
        assertThatThrownBy(
                        () ->
                                service.deploy(
                                        new DeployRequest(
                                                "https://github.com/other/site",
                                                "mine",
                                                null,
                                                Map.of(),
                                                false)))
                .isInstanceOf(SlipwayException.class);
    }

    @Test
    void identicalDeployWithinSecondsIsRefusedUnlessRepeated() {
        DeployRequest request =
                new DeployRequest(
                        "https://github.com/twice/site",
                        "twice",
                        new ProjectSettings("main", null, null, null, null, null),
                        Map.of(),
                        false);
        int launches = launched.size();
        DeploymentHandle first = service.deploy(request);

        assertThat(service.recentDuplicate(request))
                .hasValueSatisfying(
                        r -> {
                            assertThat(r.id()).isEqualTo(first.id());
                            assertThat(r.age()).isLessThanOrEqualTo(DeployService.REPEAT_WINDOW);
                        });
        assertThatThrownBy(() -> service.deploy(request))
                .isInstanceOfSatisfying(
                        SlipwayException.class,
                        e ->
                                assertThat(e.getMessage())
                                        .contains(first.id().value())
                                        .contains("--force"));
        assertThat(launched).hasSize(launches + 1);

        DeploymentHandle again = service.deploy(request.repeated());
        DeploymentHandle otherRef =
                service.deploy(
                        new DeployRequest(
                                "https://github.com/twice/site",
                                "twice",
                                new ProjectSettings("develop", null, null, null, null, null),
                                Map.of(),
                                false));

        assertThat(launched).hasSize(launches + 3);
        assertThat(List.of(first.id(), again.id(), otherRef.id())).doesNotHaveDuplicates();
        assertThat(service.recentDuplicate(request).map(DeployService.RecentDeploy::id))
                .contains(again.id());

        // Once the earlier one has ended, the same deploy is a redeploy (a new commit, say).
        backend.streams().append(again.id(), LogEvent.ready(9, Instant.now(), null));
        assertThat(service.recentDuplicate(request)).isEmpty();
        service.deploy(request);
        assertThat(launched).hasSize(launches + 4);
    }

    @Test
    void deployThatFailsToLaunchCanBeTriedAgainAtOnce() {
        DeployRequest request =
                new DeployRequest("https://github.com/retry/site", "retry", null, Map.of(), false);
        Launcher failing =
                new Launcher() {
                    @Override
                    public LaunchedBuild launch(LaunchSpec spec) {
                        throw SlipwayException.infrastructure("no builder here", null);
                    }

                    @Override
                    public boolean cancel(DeploymentId id) {
                        return false;
                    }
                };
        Backend broken =
                Backend.of(
                        SlipwayConfig.defaults(),
                        backend.bucket(),
                        backend.streams(),
                        failing,
                        List.of());
        DefaultDeployService failingService =
                new DefaultDeployService(() -> broken, Map.of(), Path.of("."));

        assertThatThrownBy(() -> failingService.deploy(request))
                .isInstanceOf(SlipwayException.class);

        assertThat(failingService.recentDuplicate(request)).isEmpty();
    }
}
