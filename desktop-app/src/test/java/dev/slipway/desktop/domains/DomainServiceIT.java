package dev.slipway.desktop.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.json.Json;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** {@code domains add|rm} tell the proxies on {@code slipway:projects}, so caches drop at once. */
class DomainServiceIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static Backend backend;
    private static DomainService domains;

    @BeforeAll
    static void wire() {
        LogStreams streams = new LogStreams(redis.url(), "start the test Redis");
        BucketStore bucket =
                new BucketStore(s3.client(), s3.bucket(), "the test bucket", "start the test S3");
        backend = Backend.of(SlipwayConfig.defaults(), bucket, streams, null, List.of(streams));
        domains = new DomainService(() -> backend);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void addAndRemovePublishTheProjectOnTheProjectsChannel() {
        Slug project = Slug.of("dom");
        s3.client()
                .putObject(
                        b -> b.bucket(s3.bucket()).key(StorageLayout.project(project)),
                        RequestBody.fromString(
                                Json.documents()
                                        .toJson(
                                                new ProjectRecord(
                                                        "dom",
                                                        "https://example.com/o/dom",
                                                        ProjectSettings.defaults(),
                                                        null,
                                                        Instant.now()))));
        List<String> announced = new CopyOnWriteArrayList<>();
        StatefulRedisPubSubConnection<String, String> sub = redis.client().connectPubSub();
        sub.addListener(
                new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        announced.add(channel + " " + message);
                    }
                });
        sub.sync().subscribe(LogProtocol.PROJECTS_CHANNEL);
        try {
            DomainRecord added = domains.add(project, "WWW.Dom.Example.");
            assertThat(added).isEqualTo(new DomainRecord("www.dom.example", "dom"));
            assertThat(domains.list(project)).containsExactly(added);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> announced.contains(LogProtocol.PROJECTS_CHANNEL + " dom"));

            announced.clear();
            assertThat(domains.remove(project, "www.dom.example")).isTrue();
            assertThat(domains.list(project)).isEmpty();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> announced.contains(LogProtocol.PROJECTS_CHANNEL + " dom"));
        } finally {
            sub.close();
        }
    }
}
