package dev.slipway.desktop.logs;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.logging.DaemonThreads;
import dev.slipway.desktop.logstream.LogStreams;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a log stream by its Redis ids ({@code XREAD BLOCK} after the last id delivered), so a
 * reconnect resumes exactly after the last event; falls back to the archive in the bucket when the
 * stream no longer exists.
 */
public final class RedisLogService implements LogService {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLogService.class);

    private static final Duration BLOCK = Duration.ofSeconds(1);

    /**
     * A reader that fills gaps itself and finds itself this many builder events behind the end of a
     * build that has ended skips to the stream's last {@link LogStreams#READ_COUNT} entries: read
     * in order, that many would take a cold reader (a fresh app reading its first large build,
     * about 30,000 events a second) a third of a second or more before the final line showed.
     */
    static final long SKIP_AHEAD_OVER = 10_000;

    /** How long a followed log may stay silent before the follower asks whether its runner died. */
    static final Duration RECONCILE_AFTER = Duration.ofSeconds(3);

    private final Supplier<Backend> backends;
    private final Duration giveUpAfter;

    /**
     * @param giveUpAfter how long Redis may stay unreachable while following before {@code onError}
     */
    public RedisLogService(Supplier<Backend> backends, Duration giveUpAfter) {
        this.backends = backends;
        this.giveUpAfter = giveUpAfter;
    }

    @Override
    public List<LogEvent> read(DeploymentId id) {
        Backend backend = backends.get();
        LogStreams streams = backend.streams();
        if (streams.exists(id)) {
            return LineJoiner.joinAll(
                    streams.all(id).stream().map(LogStreams.Entry::event).toList());
        }
        return LineJoiner.joinAll(archive(backend, id).orElseThrow(() -> unknown(id)));
    }

    @Override
    public List<LogEvent> range(DeploymentId id, long fromSeq, long toSeq) {
        Backend backend = backends.get();
        LogStreams streams = backend.streams();
        if (streams.exists(id)) {
            Optional<List<LogEvent>> inStream = fromStream(streams, id, fromSeq, toSeq);
            if (inStream.isPresent()) {
                return inStream.get();
            }
        }
        // The stream was trimmed past these events (or has expired): the archive has them all.
        return archive(backend, id)
                .map(
                        events ->
                                events.stream()
                                        .filter(e -> e.seq() >= fromSeq && e.seq() <= toSeq)
                                        .toList())
                .orElse(List.of());
    }

    /**
     * The events {@code fromSeq}–{@code toSeq} from the stream, reading from its head only as far
     * as {@code toSeq}; empty when the stream's first builder event comes after {@code fromSeq}
     * (trimmed) or some of them are not there.
     */
    private static Optional<List<LogEvent>> fromStream(
            LogStreams streams, DeploymentId id, long fromSeq, long toSeq) {
        List<LogEvent> found = new ArrayList<>();
        String after = "-";
        boolean first = true;
        while (true) {
            List<LogStreams.Entry> batch = streams.after(id, after, LogStreams.READ_COUNT);
            for (LogStreams.Entry entry : batch) {
                long seq = entry.event().seq();
                if (seq == LogProtocol.LAUNCHER_SEQ) {
                    continue;
                }
                if (first && seq > fromSeq) {
                    return Optional.empty();
                }
                first = false;
                if (seq > toSeq) {
                    return complete(found, fromSeq, toSeq);
                }
                if (seq >= fromSeq) {
                    found.add(entry.event());
                }
            }
            if (batch.size() < LogStreams.READ_COUNT) {
                return complete(found, fromSeq, toSeq);
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    private static Optional<List<LogEvent>> complete(
            List<LogEvent> found, long fromSeq, long toSeq) {
        long wanted = toSeq - fromSeq + 1;
        return found.stream().mapToLong(LogEvent::seq).distinct().count() >= wanted
                ? Optional.of(found)
                : Optional.empty();
    }

    private static SlipwayException unknown(DeploymentId id) {
        return SlipwayException.badInput(
                "No log of deployment "
                        + id
                        + " exists (neither in Redis nor archived); check the id with 'slipway list <project>'.");
    }

    private static Optional<List<LogEvent>> archive(Backend backend, DeploymentId id) {
        Optional<Slug> project = backend.bucket().projectOfLog(id);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        String key = StorageLayout.logArchive(project.get(), id);
        return backend.bucket()
                .text(key)
                .map(
                        text -> {
                            List<LogEvent> events = new ArrayList<>();
                            for (String line : text.split("\n")) {
                                if (!line.isBlank()) {
                                    try {
                                        events.add(LogEvent.fromJson(line));
                                    } catch (IllegalArgumentException e) {
                                        throw SlipwayException.infrastructure(
                                                "The archived log "
                                                        + key
                                                        + " holds a line that is not a log event ("
                                                        + e.getMessage()
                                                        + ").",
                                                e);
                                    }
                                }
                            }
                            return events;
                        });
    }

    @Override
    public LogSubscription follow(
            DeploymentId id,
            Consumer<LogEvent> onEvent,
            Runnable onEnd,
            Consumer<Throwable> onError) {
        return start(new Follower(id, onEvent, onEnd, onError, true));
    }

    /**
     * The desktop's log pane fills skipped events from the stream or the archive and counts the
     * rest in its marker: a made-up notice line would be counted as a line of the build.
     */
    @Override
    public LogSubscription followWithoutGapNotices(
            DeploymentId id,
            Consumer<LogEvent> onEvent,
            Runnable onEnd,
            Consumer<Throwable> onError) {
        return start(new Follower(id, onEvent, onEnd, onError, false));
    }

    private LogSubscription start(Follower follower) {
        Thread thread = DaemonThreads.unstarted("slipway-log-" + follower.id.value(), follower);
        thread.setUncaughtExceptionHandler(
                (t, e) -> {
                    DaemonThreads.LOG_UNCAUGHT.uncaughtException(t, e);
                    follower.onError.accept(e);
                });
        follower.thread = thread;
        thread.start();
        return follower;
    }

    private final class Follower implements Runnable, LogSubscription {
        private final DeploymentId id;
        private final Consumer<LogEvent> onEvent;
        private final Runnable onEnd;
        private final Consumer<Throwable> onError;
        private volatile boolean closed;
        private volatile Thread thread;
        private final boolean noticeGaps;
        private final boolean skipsAhead;
        private long lastSeq = -1;
        private String lastId = "0-0";
        private LineJoiner joiner = new LineJoiner();

        Follower(
                DeploymentId id,
                Consumer<LogEvent> onEvent,
                Runnable onEnd,
                Consumer<Throwable> onError,
                boolean noticeGaps) {
            this.noticeGaps = noticeGaps;
            this.skipsAhead = !noticeGaps;
            this.id = id;
            this.onEvent = onEvent;
            this.onEnd = onEnd;
            this.onError = onError;
        }

        @Override
        public void run() {
            try {
                Backend backend = backends.get();
                LogStreams streams = backend.streams();
                if (!streams.exists(id)) {
                    List<LogEvent> events = archive(backend, id).orElseThrow(() -> unknown(id));
                    deliverArchive(events, false);
                    return;
                }
                followStream(backend, streams);
            } catch (SlipwayException e) {
                if (!closed) {
                    onError.accept(e);
                }
            }
        }

        /**
         * Delivers the archive; when resuming, only the builder's events after the last one seen.
         */
        private void deliverArchive(List<LogEvent> events, boolean resuming) {
            long after = lastSeq;
            for (LogEvent e : events) {
                if (closed) {
                    return;
                }
                if (!resuming || e.seq() > after) {
                    deliver(e);
                    if (e.isTerminal()) {
                        onEnd.run();
                        return;
                    }
                }
            }
            if (!closed) {
                onEnd.run();
            }
        }

        /**
         * Hands on one event, once: a builder event whose {@code seq} was seen already (a retried
         * write after a Redis stall) is dropped; a jump in {@code seq} is said, with where the
         * whole log is.
         */
        private void deliver(LogEvent e) {
            if (e.seq() > 0 && e.seq() <= lastSeq) {
                return;
            }
            if (noticeGaps && e.seq() > 0 && lastSeq >= 0 && e.seq() > lastSeq + 1) {
                onEvent.accept(
                        LogEvent.line(
                                LogProtocol.LAUNCHER_SEQ,
                                e.ts(),
                                e.phase() == null ? Phase.LAUNCH : e.phase(),
                                OutputStream.SYSTEM,
                                (e.seq() - lastSeq - 1)
                                        + " log events are missing from the live stream (Redis lost them); 'slipway logs "
                                        + id
                                        + "' shows the whole log from the archive once the build has ended."));
            }
            lastSeq = Math.max(lastSeq, e.seq());
            joiner.offer(e).ifPresent(onEvent);
        }

        private long silentSince = System.nanoTime();
        private boolean reconcileFailed;

        /**
         * A log silent for {@link #RECONCILE_AFTER} may belong to a build whose runner died: the
         * reconciler ends it then (FAILED, with manifest and archive), and the next read delivers
         * that terminal event, so no follower waits forever.
         */
        private void reconcileWhenSilent(Backend backend) {
            long now = System.nanoTime();
            if (now - silentSince < RECONCILE_AFTER.toNanos()) {
                return;
            }
            silentSince = now;
            try {
                backend.reconciler().reconcile(id);
            } catch (RuntimeException e) {
                // Whatever went wrong in the check, following goes on: the stream is the truth.
                if (!reconcileFailed) {
                    reconcileFailed = true;
                    LOG.warn("Could not check whether build {} still runs", id, e);
                }
            }
        }

        private void followStream(Backend backend, LogStreams streams) {
            long downSince = -1;
            StatefulRedisConnection<String, String> connection = null;
            try {
                while (!closed) {
                    try {
                        if (connection == null) {
                            connection = streams.connectForReading();
                            if (downSince >= 0 && !streams.exists(id)) {
                                // Redis came back without the stream: the rest is in the archive,
                                // if the build ended.
                                Optional<List<LogEvent>> archived = archive(backend, id);
                                if (archived.isPresent()) {
                                    deliverArchive(archived.get(), true);
                                    return;
                                }
                            }
                        }
                        List<LogStreams.Entry> entries =
                                LogStreams.readAfter(connection, id, lastId, BLOCK);
                        downSince = -1;
                        if (entries.isEmpty()) {
                            reconcileWhenSilent(backend);
                        } else {
                            silentSince = System.nanoTime();
                        }
                        if (deliverAll(entries)) {
                            return;
                        }
                        if (skipsAhead && entries.size() == LogStreams.READ_COUNT) {
                            List<LogStreams.Entry> end =
                                    farBehindTheEnd(
                                            LogStreams.endedTail(
                                                    connection, id, LogStreams.READ_COUNT));
                            if (!end.isEmpty()) {
                                // What lies between is left for the reader's own range(): its
                                // final lines first.
                                joiner = new LineJoiner();
                                if (deliverAll(end)) {
                                    return;
                                }
                            }
                        }
                    } catch (RedisException e) {
                        if (closed) {
                            return;
                        }
                        long now = System.nanoTime();
                        if (downSince < 0) {
                            downSince = now;
                        } else if (now - downSince > giveUpAfter.toNanos()) {
                            onError.accept(streams.unreachable("follow the log of " + id, e));
                            return;
                        }
                        if (connection != null) {
                            closeQuietly(connection);
                            connection = null;
                        }
                        sleep(Duration.ofMillis(250));
                    }
                }
            } finally {
                if (connection != null) {
                    closeQuietly(connection);
                }
            }
        }

        /**
         * Hands on the entries in order; true once the terminal event was among them (then after
         * {@code onEnd}) or the subscription closed.
         */
        private boolean deliverAll(List<LogStreams.Entry> entries) {
            for (LogStreams.Entry entry : entries) {
                if (closed) {
                    return true;
                }
                lastId = entry.id();
                deliver(entry.event());
                if (entry.event().isTerminal()) {
                    onEnd.run();
                    return true;
                }
            }
            return false;
        }

        /**
         * The ended stream's last entries when this reader is more than {@link #SKIP_AHEAD_OVER}
         * builder events behind them; empty otherwise (it reads on: it is near the end anyway).
         */
        private List<LogStreams.Entry> farBehindTheEnd(List<LogStreams.Entry> tail) {
            long newest =
                    tail.stream()
                            .mapToLong(e -> e.event().seq())
                            .max()
                            .orElse(LogProtocol.LAUNCHER_SEQ);
            return newest - lastSeq > SKIP_AHEAD_OVER ? tail : List.of();
        }

        private void sleep(Duration d) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }

        private void closeQuietly(StatefulRedisConnection<String, String> connection) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                // The connection is already broken; nothing is lost by not closing it cleanly.
                LOG.debug("Closing a broken Redis connection failed", e);
            }
        }

        @Override
        public void close() {
            closed = true;
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }
}
