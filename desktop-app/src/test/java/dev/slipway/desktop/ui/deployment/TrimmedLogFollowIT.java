package dev.slipway.desktop.ui.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.logs.RedisLogService;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late readers with the real Redis reader. Of a stream trimmed before it joined (a build longer
 * than the stream keeps): the pane gets one count of the earlier lines, the lines the stream still
 * holds, and the final line, without waiting for (or reading) the archive. Far behind a build that
 * has ended: its final lines first, then the whole log.
 */
class TrimmedLogFollowIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static Backend backend;
    private static LogStreams streams;

    @BeforeAll
    static void wire() {
        streams = new LogStreams(redis.url(), "start the test Redis");
        BucketStore bucket =
                new BucketStore(s3.client(), s3.bucket(), "the test bucket", "start the test S3");
        backend = Backend.of(SlipwayConfig.defaults(), bucket, streams, null, List.of(streams));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    /** Everything a pane is told, in order. */
    private static final class Told implements LogFollower.Sink {
        final List<String> told = new CopyOnWriteArrayList<>();
        final AtomicBoolean ended = new AtomicBoolean();

        @Override
        public void line(LogEvent event) {
            told.add(event.line());
        }

        @Override
        public void status(LogEvent event) {
            told.add("#" + event.status());
        }

        @Override
        public void missing(long n) {
            told.add("missing " + n);
        }

        @Override
        public void earlier(long n) {
            if (n > 0) {
                told.add("earlier " + n);
            }
        }

        @Override
        public void reload(List<LogEvent> all) {
            told.add(
                    "reload "
                            + all.size()
                            + " "
                            + all.get(0).line()
                            + ".."
                            + all.get(all.size() - 1).line());
        }

        @Override
        public void ended() {
            ended.set(true);
        }

        @Override
        public void failed(Throwable error) {}
    }

    @Test
    void aStreamTrimmedBeforeTheReaderJoinedGivesOneEarlierCountNoHoleAndTheFinalLine() {
        DeploymentId id = DeploymentId.newId();
        Instant now = Instant.now();
        streams.append(id, LogEvent.status(0, now, DeploymentStatus.QUEUED));
        for (int seq = 1; seq <= 50; seq++) {
            streams.append(
                    id, LogEvent.line(seq, now, Phase.BUILD, OutputStream.STDOUT, "l" + seq));
        }
        // What MAXLEN ~ 100000 does to a long build: only the newest entries stay.
        try (StatefulRedisConnection<String, String> c = streams.connectForReading()) {
            c.sync().xtrim(LogProtocol.streamKey(id), XTrimArgs.Builder.maxlen(20));
        }
        streams.append(id, LogEvent.ready(51, now, null));

        Told told = new Told();
        LogFollower follower =
                new LogFollower(
                        new RedisLogService(() -> backend, Duration.ofSeconds(20)),
                        id,
                        told,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(50),
                        20);
        follower.resume();
        try {
            await().atMost(Duration.ofSeconds(10)).untilTrue(told.ended);
        } finally {
            follower.close();
        }

        // One count of the 30 trimmed lines, the 20 the stream holds, no hole (nothing missing
        // but "none"), no reload.
        List<String> expected = new ArrayList<>(List.of("earlier 30"));
        for (int seq = 31; seq <= 50; seq++) {
            expected.add("l" + seq);
        }
        expected.add("#READY");
        assertThat(told.told.stream().filter(t -> !t.equals("missing 0")).toList())
                .isEqualTo(expected);
    }

    @Test
    void aReaderFarBehindAFinishedBuildShowsItsFinalLinesFirstThenTheWholeLog() {
        DeploymentId id = DeploymentId.newId();
        int count = 14_000;
        Instant now = Instant.now();
        String key = LogProtocol.streamKey(id);
        try (StatefulRedisConnection<String, String> c = streams.connectForReading()) {
            c.setAutoFlushCommands(false);
            List<RedisFuture<String>> writes = new ArrayList<>();
            for (int seq = 1; seq <= count + 1; seq++) {
                LogEvent e =
                        seq <= count
                                ? LogEvent.line(
                                        seq, now, Phase.BUILD, OutputStream.STDOUT, "l" + seq)
                                : LogEvent.ready(seq, now, null);
                writes.add(c.async().xadd(key, Map.of(LogProtocol.EVENT_FIELD, e.toJson())));
            }
            c.flushCommands();
            LettuceFutures.awaitAll(Duration.ofSeconds(30), writes.toArray(new RedisFuture<?>[0]));
        }

        Told pane = new Told();
        LogFollower follower =
                new LogFollower(
                        new RedisLogService(() -> backend, Duration.ofSeconds(20)),
                        id,
                        pane,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(50));
        follower.resume();
        try {
            await().atMost(Duration.ofSeconds(20)).untilTrue(pane.ended);
        } finally {
            follower.close();
        }
        List<String> told = pane.told;

        // The first batch in order, then straight to the last lines (the 10,001 between are a
        // hole meanwhile) and the outcome, then the whole log at once.
        int finalLine = told.indexOf("l" + count);
        int reload = told.indexOf("reload " + count + " l1..l" + count);
        assertThat(told.subList(0, 3)).containsExactly("l1", "l2", "l3");
        assertThat(told).contains("missing 10001");
        assertThat(told.indexOf("missing 10001")).isLessThan(finalLine);
        assertThat(finalLine).isBetween(0, 4_100);
        assertThat(told.indexOf("#READY")).isGreaterThan(finalLine);
        assertThat(reload).isGreaterThan(told.indexOf("#READY"));
        assertThat(told.subList(reload, told.size()))
                .containsExactly(told.get(reload), "missing 0");
    }
}
