package dev.slipway.desktop.ui.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
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

    /** Statuses and reloads, in the order the sink got them. */
    final List<String> order = new ArrayList<>();

    final LogFollower.Sink sink =
            new LogFollower.Sink() {
                @Override
                public void line(LogEvent event) {
                    shown.add(event.line());
                }

                @Override
                public void status(LogEvent event) {
                    order.add("#" + event.status());
                }

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
                    order.add("reload");
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

    /**
     * BUILDING (1), lines l2-l9 (2-9) and {@code end} (10); the follower gets 1, 2, 8, 9 and 10,
     * and the first range it asks for finds nothing, so 3-7 is still a hole at the end.
     */
    LogFollower endAfterAHole(LogEvent end) {
        List<LogEvent> log = new ArrayList<>();
        log.add(LogEvent.status(1, T, DeploymentStatus.BUILDING));
        for (int seq = 2; seq <= 9; seq++) {
            log.add(LogEvent.line(seq, T, Phase.BUILD, OutputStream.STDOUT, "l" + seq));
        }
        log.add(end);
        LogFollower f =
                new LogFollower(
                        rangesFrom(log, 1), ID, sink, Duration.ofSeconds(5), Duration.ZERO, 5);
        for (int i : new int[] {0, 1, 7, 8, 9}) {
            f.accept(log.get(i));
        }
        return f;
    }

    @Test
    void aBuildThatEndsWithAHoleShowsItsOutcomeFirstThenItsLastLinesCountedExactly() {
        endAfterAHole(LogEvent.ready(10, T, null));

        assertThat(order).containsExactly("#BUILDING", "#READY", "reload");
        // The pane keeps 5 lines: l5-l9, and says 3 came before (l2-l4; 1 is a status).
        assertThat(reloads).containsExactly(List.of("l5", "l6", "l7", "l8", "l9"));
        assertThat(earlier.get(earlier.size() - 1)).isEqualTo(3L);
        assertThat(missing.get(missing.size() - 1)).isZero();
    }

    @Test
    void aFailedBuildWithAHoleFillsItBeforeItsOutcomeSelectsTheFirstError() {
        endAfterAHole(LogEvent.failed(10, T, "The build command exited with 1."));

        assertThat(order).containsExactly("#BUILDING", "reload", "#FAILED");
        assertThat(reloads).containsExactly(List.of("l5", "l6", "l7", "l8", "l9"));
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
