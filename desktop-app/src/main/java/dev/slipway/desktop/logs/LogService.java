package dev.slipway.desktop.logs;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.LogEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a deployment's log: the whole stream from its start, then live until the terminal event;
 * from the archive in the bucket when the stream has expired. Reconnects after Redis drops without
 * losing or repeating an event.
 */
public interface LogService {

    /**
     * Delivers every event, in order, on a background thread, until the terminal event (then {@code
     * onEnd}) or until the returned subscription is closed. Failures that outlast reconnecting
     * reach {@code onError} as a {@link dev.slipway.desktop.SlipwayException}.
     */
    LogSubscription follow(
            DeploymentId id,
            Consumer<LogEvent> onEvent,
            Runnable onEnd,
            Consumer<Throwable> onError);

    /**
     * As {@link #follow}, for a reader that finds and fills skipped events itself ({@link #range}):
     * no line saying how many events the stream skipped is made up for it, and when it is far
     * behind a build that has ended it may be handed the log's last events next, skipping those
     * between, so that its final lines show without waiting for all before them.
     */
    default LogSubscription followWithoutGapNotices(
            DeploymentId id,
            Consumer<LogEvent> onEvent,
            Runnable onEnd,
            Consumer<Throwable> onError) {
        return follow(id, onEvent, onEnd, onError);
    }

    /**
     * The events written so far, from the stream, else from the archive. Blocking.
     *
     * @throws dev.slipway.desktop.SlipwayException when no log of that id exists
     */
    List<LogEvent> read(DeploymentId id);

    /**
     * The builder's events numbered {@code fromSeq} to {@code toSeq} (both included) that can be
     * found now: from the stream while it still holds them, else from the archive once the build
     * has written it. Fewer (or none) when neither has them yet. Blocking.
     *
     * <p>Unlike {@link #read} and {@link #follow}, these are the events as numbered: a line longer
     * than 1 MiB comes as its pieces (contract section 6), so a reader that shows lines joins them
     * with {@link LineJoiner}.
     */
    default List<LogEvent> range(DeploymentId id, long fromSeq, long toSeq) {
        return read(id).stream().filter(e -> e.seq() >= fromSeq && e.seq() <= toSeq).toList();
    }

    /** A subscription to a log; closing it stops delivery. */
    interface LogSubscription extends AutoCloseable {
        @Override
        void close();
    }
}
