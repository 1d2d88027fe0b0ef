package dev.slipway.desktop.ui.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.desktop.logs.LogService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The follower fills holes from {@link LogService#range}, which returns the pieces of a line longer
 * than 1 MiB as they were numbered (contract section 6): each line is shown once, whole.
 */
class LogFollowerTest {

    static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    static final DeploymentId ID = DeploymentId.of("01JD3Y7M2Q8ZK4T6V9W0XBCDEF");

    /** A log of five events whose line 2-4 was split into three pieces. */
    static final List<LogEvent> NUMBERED =
            List.of(
                    LogEvent.line(1, T, Phase.BUILD, OutputStream.STDOUT, "first"),
                    LogEvent.piece(2, T, Phase.BUILD, OutputStream.STDOUT, "aa", true),
                    LogEvent.piece(3, T, Phase.BUILD, OutputStream.STDOUT, "bb", true),
                    LogEvent.piece(4, T, Phase.BUILD, OutputStream.STDOUT, "cc", false),
                    LogEvent.line(5, T, Phase.BUILD, OutputStream.STDOUT, "last"));

    /** The same line as the stream's reader hands it on: joined, numbered as its last piece. */
    static final LogEvent JOINED = LogEvent.line(4, T, Phase.BUILD, OutputStream.STDOUT, "aabbcc");

    final List<String> shown = new ArrayList<>();
    final List<Long> missing = new ArrayList<>();
    final List<List<String>> reloads = new ArrayList<>();
    final List<Long> earlier = new ArrayList<>();

    final LogFollower.Sink sink =
            new LogFollower.Sink() {
                @Override
                public void line(LogEvent event) {
                    shown.add(event.line());
                }

                @Override
                public void status(LogEvent event) {}

                @Override
                public void missing(long count) {
                    missing.add(count);
                }

                @Override
                public void earlier(long count) {
                    earlier.add(count);
                }

                @Override
                public void reload(List<LogEvent> all) {
                    reloads.add(all.stream().map(LogEvent::line).toList());
                }

                @Override
                public void ended() {}

                @Override
                public void failed(Throwable error) {}
            };

    /** A log service whose ranges come from {@code numbered}. */
    static LogService rangesFrom(List<LogEvent> numbered) {
        return rangesFrom(numbered, 0);
    }

    /**
     * A log service whose first {@code emptyRanges} ranges find nothing (the stream lost them, the
     * archive is not written yet), and whose later ones come from {@code numbered}.
     */
    static LogService rangesFrom(List<LogEvent> numbered, int emptyRanges) {
        AtomicInteger asked = new AtomicInteger();
        return new LogService() {
            @Override
            public LogSubscription follow(
                    DeploymentId id,
                    Consumer<LogEvent> onEvent,
                    Runnable onEnd,
                    Consumer<Throwable> onError) {
                return () -> {};
            }

            @Override
            public List<LogEvent> read(DeploymentId id) {
                return numbered;
            }

            @Override
            public List<LogEvent> range(DeploymentId id, long fromSeq, long toSeq) {
                return asked.incrementAndGet() <= emptyRanges
                        ? List.of()
                        : LogService.super.range(id, fromSeq, toSeq);
            }
        };
    }

    LogFollower follower(List<LogEvent> numbered) {
        return new LogFollower(
                rangesFrom(numbered), ID, sink, Duration.ofSeconds(5), Duration.ofMillis(10));
    }

    @Test
    void theLeadingPiecesOfAJoinedLineAreNotShownAgainNorCountedMissing() {
        LogFollower f = follower(NUMBERED);
        f.accept(NUMBERED.get(0));
        f.accept(JOINED);
        f.accept(NUMBERED.get(4));

        assertThat(shown).containsExactly("first", "aabbcc", "last");
        assertThat(missing).containsOnly(0L);
    }

    @Test
    void aLineSplitInsideAFilledHoleIsShownOnceJoined() {
        LogFollower f = follower(NUMBERED);
        f.accept(NUMBERED.get(0));
        f.accept(NUMBERED.get(4));

        assertThat(shown).containsExactly("first", "aabbcc", "last");
        assertThat(missing).containsOnly(0L);
    }

    @Test
    void theArchiveHandedOverAfterAnUnfilledHoleHasItsSplitLinesJoined() {
        List<LogEvent> archive = new ArrayList<>(NUMBERED);
        archive.add(LogEvent.ready(6, T, "http://demo.localhost:8000/"));
        // The stream lost 2-5 and nothing has them when the terminal event arrives; then the
        // archive, written just after it, has every event.
        LogService logs = rangesFrom(archive, 1);
        LogFollower f = new LogFollower(logs, ID, sink, Duration.ofSeconds(5), Duration.ZERO);
        f.accept(NUMBERED.get(0));
        f.accept(archive.get(5));

        assertThat(missing).contains(4L);
        assertThat(reloads).containsExactly(List.of("first", "aabbcc", "last"));
    }

    @Test
    void aHoleOlderThanTheLinesThePaneKeepsIsCountedNotReadFromTheArchive() {
        List<LogEvent> log = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            log.add(LogEvent.line(seq, T, Phase.BUILD, OutputStream.STDOUT, "l" + seq));
        }
        log.add(LogEvent.ready(6, T, null));
        // Nothing fills 2-3 (trimmed from the stream, no archive yet); the pane keeps 3 lines.
        LogFollower f =
                new LogFollower(
                        rangesFrom(log, Integer.MAX_VALUE),
                        ID,
                        sink,
                        Duration.ofSeconds(5),
                        Duration.ZERO,
                        3);
        f.accept(log.get(0));
        f.accept(log.get(3));
        f.accept(log.get(4));
        f.accept(log.get(5));

        assertThat(shown).containsExactly("l1", "l4", "l5");
        assertThat(earlier).containsExactly(2L);
        assertThat(missing).containsExactly(2L, 0L);
        assertThat(reloads).isEmpty();
    }
}
