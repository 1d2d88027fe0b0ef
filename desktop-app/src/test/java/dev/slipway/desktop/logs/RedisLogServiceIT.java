package dev.slipway.desktop.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisLogServiceIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static Backend backend;
    private static LogStreams streams;
    private static RedisLogService service;

    @BeforeAll
    static void wire() {
        streams = new LogStreams(redis.url(), "start the test Redis");
        BucketStore bucket =
                new BucketStore(s3.client(), s3.bucket(), "the test bucket", "start the test S3");
        backend = Backend.of(SlipwayConfig.defaults(), bucket, streams, null, List.of(streams));
        service = new RedisLogService(() -> backend, Duration.ofSeconds(20));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static LogEvent line(long seq, String text) {
        return LogEvent.line(seq, Instant.now(), Phase.BUILD, OutputStream.STDOUT, text);
    }

    private record Collected(
            List<LogEvent> events, AtomicBoolean ended, AtomicReference<Throwable> error) {
        String lines() {
            return events.stream()
                    .map(e -> e.isStatus() ? "#" + e.status() : e.line())
                    .collect(Collectors.joining(","));
        }
    }

    private static Collected follow(DeploymentId id) {
        Collected c =
                new Collected(
                        new CopyOnWriteArrayList<>(), new AtomicBoolean(), new AtomicReference<>());
        service.follow(id, c.events()::add, () -> c.ended().set(true), c.error()::set);
        return c;
    }

    @Test
    void replaysWholeLogToLateReaderThenFollowsLiveToTheTerminalEvent() {
        DeploymentId id = DeploymentId.newId();
        streams.append(id, LogEvent.status(0, Instant.now(), DeploymentStatus.QUEUED));
        streams.append(id, line(1, "one"));
        streams.append(id, line(2, "two"));

        Collected c = follow(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.events().size() == 3);
        assertThat(c.ended()).isFalse();

        streams.append(id, line(3, "three"));
        streams.append(id, LogEvent.ready(4, Instant.now(), "http://demo.localhost:8000/"));
        await().atMost(Duration.ofSeconds(10)).untilTrue(c.ended());
        assertThat(c.lines()).isEqualTo("#QUEUED,one,two,three,#READY");
        assertThat(c.error().get()).isNull();
    }

    @Test
    void saysWhenTheStreamSkipsEventsUnlessTheReaderFillsGapsItself() {
        DeploymentId id = DeploymentId.newId();
        streams.append(id, line(1, "one"));
        streams.append(id, line(2, "two"));
        streams.append(id, line(5, "five"));
        streams.append(id, LogEvent.ready(6, Instant.now(), null));

        Collected told = follow(id);
        await().atMost(Duration.ofSeconds(10)).untilTrue(told.ended());
        assertThat(told.lines())
                .startsWith("one,two,2 log events are missing from the live stream")
                .endsWith(",five,#READY");

        Collected quiet =
                new Collected(
                        new CopyOnWriteArrayList<>(), new AtomicBoolean(), new AtomicReference<>());
        service.followWithoutGapNotices(
                id, quiet.events()::add, () -> quiet.ended().set(true), quiet.error()::set);
        await().atMost(Duration.ofSeconds(10)).untilTrue(quiet.ended());
        assertThat(quiet.lines()).isEqualTo("one,two,five,#READY");
    }

    @Test
    void joinsTheMarkedPiecesOfASplitLineBackIntoOneLine() {
        DeploymentId id = DeploymentId.newId();
        Instant now = Instant.now();
        streams.append(id, LogEvent.piece(1, now, Phase.BUILD, OutputStream.STDOUT, "aaa", true));
        streams.append(id, LogEvent.line(2, now, Phase.BUILD, OutputStream.STDERR, "warn"));
        streams.append(id, LogEvent.piece(3, now, Phase.BUILD, OutputStream.STDOUT, "bbb", true));
        streams.append(id, LogEvent.piece(4, now, Phase.BUILD, OutputStream.STDOUT, "ccc", false));
        streams.append(id, LogEvent.ready(5, now, null));

        Collected c = follow(id);
        await().atMost(Duration.ofSeconds(10)).untilTrue(c.ended());

        assertThat(c.lines()).isEqualTo("warn,aaabbbccc,#READY");
        assertThat(service.read(id).stream().filter(LogEvent::isLine).map(LogEvent::line))
                .containsExactly("warn", "aaabbbccc");
        assertThat(c.events().stream().filter(LogEvent::cont)).isEmpty();
    }

    @Test
    void resumesAfterRedisRestartsWithoutLosingOrRepeatingAnEvent() throws Exception {
        DeploymentId id = DeploymentId.newId();
        streams.append(id, line(1, "before-1"));
        streams.append(id, line(2, "before-2"));
        Collected c = follow(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.events().size() == 2);

        redis.stop();
        Thread.sleep(1500);
        redis.start();
        // A restarted Redis is empty: the writer goes on with the next events (as the builder
        // does).
        await().atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(
                        () -> {
                            streams.ping();
                            return true;
                        });
        streams.append(id, line(3, "after-3"));
        streams.append(id, line(4, "after-4"));
        streams.append(id, LogEvent.failed(5, Instant.now(), "npm run build exited with 1"));

        await().atMost(Duration.ofSeconds(20)).untilTrue(c.ended());
        assertThat(c.lines()).isEqualTo("before-1,before-2,after-3,after-4,#FAILED");
        assertThat(c.error().get()).isNull();
    }

    @Test
    void readsTheArchiveWhenTheStreamHasExpired() {
        DeploymentId id = DeploymentId.newId();
        Slug project = Slug.of("archived");
        String archive =
                List.of(
                                LogEvent.status(0, Instant.now(), DeploymentStatus.QUEUED),
                                line(1, "\u001B[32mgreen\u001B[0m"),
                                LogEvent.ready(2, Instant.now(), "http://archived.localhost:8000/"))
                        .stream()
                        .map(LogEvent::toJson)
                        .collect(Collectors.joining("\n", "", "\n"));
        s3.client()
                .putObject(
                        b -> b.bucket(s3.bucket()).key(StorageLayout.logArchive(project, id)),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(archive));

        assertThat(service.read(id))
                .extracting(e -> e.isStatus() ? "#" + e.status() : e.line())
                .containsExactly("#QUEUED", "\u001B[32mgreen\u001B[0m", "#READY");
        Collected c = follow(id);
        await().atMost(Duration.ofSeconds(10)).untilTrue(c.ended());
        assertThat(c.lines()).isEqualTo("#QUEUED,\u001B[32mgreen\u001B[0m,#READY");
    }

    @Test
    void explainsAnUnknownDeploymentId() {
        DeploymentId id = DeploymentId.newId();
        assertThatThrownBy(() -> service.read(id))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining(id.value())
                .hasMessageContaining("slipway list")
                .satisfies(
                        e ->
                                assertThat(((SlipwayException) e).kind())
                                        .isEqualTo(ExitStatus.BAD_INPUT));
        Collected c = follow(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.error().get() != null);
        assertThat(c.error().get()).hasMessageContaining("No log of deployment");
    }
}
