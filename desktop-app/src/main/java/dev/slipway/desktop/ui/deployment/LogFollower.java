package dev.slipway.desktop.ui.deployment;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.desktop.logs.LineJoiner;
import dev.slipway.desktop.logs.LogService;
import dev.slipway.desktop.ui.logpane.LogPaneViewModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one deployment's log so that no line is lost silently: it numbers what arrives by {@code
 * seq}, drops repeats (a reconnect or a retry replays from the start), fills a hole (the stream was
 * trimmed under a slow reader, Redis dropped) from {@link LogService#range}, and when a hole could
 * not be filled before the build ended, waits for the archive and hands over the whole log once.
 *
 * <p>Runs on the log reader's thread and only calls {@link Sink}: never the UI.
 */
public final class LogFollower {

    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);

    /** Where the follower's results go (the deployment's queue for the UI thread). */
    public interface Sink {
        /** A line, in order. */
        void line(LogEvent event);

        /** A status event, in order. */
        void status(LogEvent event);

        /** How many lines are known to be missing right now (0 when none). */
        void missing(long count);

        /** The complete log replaces what was delivered (the archive, after a hole). */
        void reload(List<LogEvent> all);

        /**
         * {@code count} earlier lines will not be delivered: the stream was trimmed past them
         * before they were read, and the pane would not keep them anyway (they are in the archive).
         */
        void earlier(long count);

        /** The log ended (after its terminal event). */
        void ended();

        /** Following failed for good; {@link #resume} may try again. */
        void failed(Throwable error);
    }

    /**
     * A hole of this many events or more is filled when the build has ended, not when it is seen
     * (see {@link LogService#followWithoutGapNotices}).
     */
    static final long FILL_AT_THE_END_FROM = 2_000;

    private final LogService logs;
    private final DeploymentId id;
    private final Sink sink;
    private final Duration archiveWait;
    private final Duration archivePoll;
    private final long keep;

    private final Set<DeploymentStatus> launcherStatuses = EnumSet.noneOf(DeploymentStatus.class);

    /** The builder's status events delivered (their seqs), to count lines exactly. */
    private final TreeSet<Long> statusSeqs = new TreeSet<>();

    /** Missing builder events: first seq to last seq, both included. */
    private final TreeMap<Long, Long> holes = new TreeMap<>();

    private long nextSeq = 1;
    private volatile boolean closed;
    private final Object subscriptionLock = new Object();
    private LogService.LogSubscription subscription;

    public LogFollower(
            LogService logs,
            DeploymentId id,
            Sink sink,
            Duration archiveWait,
            Duration archivePoll) {
        this(logs, id, sink, archiveWait, archivePoll, LogPaneViewModel.DEFAULT_MAX_LINES);
    }

    /**
     * @param keep how many of the last lines the pane keeps: older ones are never fetched
     */
    public LogFollower(
            LogService logs,
            DeploymentId id,
            Sink sink,
            Duration archiveWait,
            Duration archivePoll,
            long keep) {
        this.keep = keep;
        this.logs = logs;
        this.id = id;
        this.sink = sink;
        this.archiveWait = archiveWait;
        this.archivePoll = archivePoll;
    }

    /** Starts (or, after a failure, resumes) following; events already delivered are dropped. */
    public void resume() {
        synchronized (subscriptionLock) {
            if (closed) {
                return;
            }
            if (subscription != null) {
                subscription.close();
            }
            subscription = logs.followWithoutGapNotices(id, this::accept, this::end, this::fail);
        }
    }

    /** Stops delivery for good; never waits for the reader (the UI thread calls it). */
    public void close() {
        closed = true;
        synchronized (subscriptionLock) {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
    }

    private void fail(Throwable error) {
        if (!closed) {
            sink.failed(error);
        }
    }

    /** Reader thread: one event from the stream, the archive or a replay. */
    synchronized void accept(LogEvent e) {
        if (closed) {
            return;
        }
        if (e.seq() == 0) {
            // The launcher's QUEUED and STARTING: once each.
            if (e.isLine() || launcherStatuses.add(e.status())) {
                deliver(e);
            }
            return;
        }
        if (e.seq() < nextSeq) {
            // Delivered already (a replay after a reconnect or a retry), or part of a hole that
            // the archive fills at the end.
            return;
        }
        if (e.seq() > nextSeq && nextSeq == 1) {
            // The first builder event read is not seq 1: the stream was trimmed (MAXLEN ~ 100000)
            // before this reader joined. Those lines are older than the last ones the pane keeps
            // (the stream keeps about as many as the pane), so they are counted, not fetched:
            // reading them would mean waiting for the archive and parsing the whole log.
            sink.earlier(e.seq() - 1);
        } else if (e.seq() - nextSeq >= FILL_AT_THE_END_FROM) {
            // The reader skipped ahead to a finished build's last lines, or the stream was trimmed
            // under it: reading that many now would hold back the lines after them, so the end
            // fills them (completeFromArchive), and the pane counts them as missing meanwhile.
            holes.put(nextSeq, e.seq() - 1);
            sink.missing(missingCount());
        } else if (e.seq() > nextSeq) {
            fill(nextSeq, e.seq() - 1);
        }
        nextSeq = e.seq() + 1;
        if (e.isTerminal()) {
            forgetHolesBefore(e.seq() - keep + 1);
        }
        if (e.isTerminal() && !holes.isEmpty()) {
            // The outcome is known now: it shows while the holes are read. A failure waits for
            // them, since it selects the first error line, which may be in one.
            boolean failed = e.status() == DeploymentStatus.FAILED;
            if (!failed) {
                deliver(e);
            }
            completeFromArchive(e);
            if (failed) {
                deliver(e);
            }
            return;
        }
        deliver(e);
    }

    /** Asks for the events {@code from}–{@code to}; what is still missing becomes a hole. */
    private void fill(long from, long to) {
        List<LogEvent> found;
        try {
            found = logs.range(id, from, to);
        } catch (RuntimeException ex) {
            LOG.warn("Could not read log events " + from + "-" + to + " of " + id, ex);
            found = List.of();
        }
        long expect = from;
        // The stream's reader joins a split line into one event numbered as its last piece, so
        // the pieces before it come here as a "hole": they are there, only not shown again. A
        // line split wholly inside the range is shown once, joined.
        LineJoiner joiner = new LineJoiner();
        for (LogEvent f : sorted(found)) {
            if (f.seq() < expect || f.seq() > to) {
                continue;
            }
            if (f.seq() > expect) {
                holes.put(expect, f.seq() - 1);
            }
            joiner.offer(f).ifPresent(this::deliver);
            expect = f.seq() + 1;
        }
        if (expect <= to) {
            holes.put(expect, to);
        }
        sink.missing(missingCount());
    }

    private static List<LogEvent> sorted(List<LogEvent> events) {
        List<LogEvent> copy = new ArrayList<>(events);
        copy.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return copy;
    }

    private long missingCount() {
        long n = 0;
        for (var h : holes.entrySet()) {
            n += h.getValue() - h.getKey() + 1;
        }
        return n;
    }

    /**
     * Holes wholly before {@code from} hold lines the pane would not keep: they are counted as
     * earlier lines instead of being read from the archive.
     */
    private void forgetHolesBefore(long from) {
        long forgotten = 0;
        while (!holes.isEmpty() && holes.firstEntry().getValue() < from) {
            var h = holes.pollFirstEntry();
            forgotten += h.getValue() - h.getKey() + 1;
        }
        if (forgotten > 0) {
            sink.earlier(forgotten);
            sink.missing(missingCount());
        }
    }

    /**
     * The build ended with holes: the stream, or else the archive (written just after the terminal
     * event), has every event. Waits for them, then hands over the last {@code keep} lines (all the
     * pane keeps) before the terminal event, with the exact number of earlier lines when the
     * statuses among those were seen.
     */
    private void completeFromArchive(LogEvent terminal) {
        long deadline = System.nanoTime() + archiveWait.toNanos();
        long window = Math.max(1, terminal.seq() - keep + 1);
        // The statuses among the last events are not lines (the terminal one, and those seen):
        // as many events before them are read too, when the stream still has them.
        long statuses = 1 + statusSeqs.subSet(window, terminal.seq()).size();
        long wider = Math.max(1, window - statuses);
        while (!closed) {
            long from = wider;
            List<LogEvent> all = rangeOrNone(from, terminal.seq());
            if (!complete(all, from, terminal.seq()) && wider < window) {
                from = window;
                all = rangeOrNone(from, terminal.seq());
            }
            if (complete(all, from, terminal.seq())) {
                holes.clear();
                List<LogEvent> lines =
                        LineJoiner.joinAll(sorted(all).stream().distinct().toList()).stream()
                                .filter(LogEvent::isLine)
                                .toList();
                sink.reload(lines);
                sink.earlier(from - 1 - statusesBefore(from));
                sink.missing(0);
                break;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn(
                        "The archive of " + id + " did not appear; " + missingCount() + " missing");
                break;
            }
            try {
                Thread.sleep(archivePoll.toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<LogEvent> rangeOrNone(long from, long to) {
        try {
            return logs.range(id, from, to);
        } catch (RuntimeException ex) {
            LOG.warn("Could not read the archived log of " + id, ex);
            return List.of();
        }
    }

    private static boolean complete(List<LogEvent> events, long from, long to) {
        return events.stream().mapToLong(LogEvent::seq).distinct().count() >= to - from + 1;
    }

    /** The builder's status events seen before {@code seq}: they are not lines. */
    private long statusesBefore(long seq) {
        return statusSeqs.headSet(seq).size();
    }

    private void deliver(LogEvent e) {
        if (e.isLine()) {
            sink.line(e);
        } else {
            if (e.seq() > 0) {
                statusSeqs.add(e.seq());
            }
            sink.status(e);
        }
    }

    private void end() {
        if (!closed) {
            sink.ended();
        }
    }
}
