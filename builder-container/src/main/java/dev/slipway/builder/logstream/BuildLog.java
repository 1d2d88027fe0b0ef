package dev.slipway.builder.logstream;

import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build's log: numbers events 1, 2, 3, … without gaps, masks secrets, and hands each event to
 * every listener in order (the Redis stream, the archive, the console). The pipeline only talks to
 * this class; it never knows where events go. Safe to call from several threads.
 */
public final class BuildLog {

    private static final Logger LOG = LoggerFactory.getLogger(BuildLog.class);

    private final Clock clock;
    private final SecretMasker masker;
    private final List<LogListener> listeners;
    private final EventJson json = new EventJson();
    private long seq;
    private long lines;
    private @Nullable LogEvent terminal;

    public BuildLog(Clock clock, SecretMasker masker, List<LogListener> listeners) {
        this.clock = clock;
        this.masker = masker;
        this.listeners = List.copyOf(listeners);
    }

    /** One line of a tool's output. */
    public void line(Phase phase, OutputStream stream, String line) {
        String masked = masker.mask(line);
        synchronized (this) {
            if (isClosed(masked)) {
                return;
            }
            lines++;
            emit(LogEvent.line(++seq, clock.instant(), phase, stream, masked));
        }
    }

    /**
     * A piece of a line longer than 1 MiB: {@code cont} true for every piece but the last (contract
     * section 6), so readers join them.
     */
    public void piece(Phase phase, OutputStream stream, String text, boolean cont) {
        if (!cont) {
            line(phase, stream, text);
            return;
        }
        String masked = masker.mask(text);
        synchronized (this) {
            if (isClosed(masked)) {
                return;
            }
            emit(LogEvent.piece(++seq, clock.instant(), phase, stream, masked, true));
        }
    }

    /** A line from Slipway itself. */
    public void info(Phase phase, String line) {
        line(phase, OutputStream.SYSTEM, line);
    }

    /** A line from Slipway about something that went wrong but did not stop the build. */
    public void warn(Phase phase, String line) {
        line(phase, OutputStream.SYSTEM, "warning: " + line);
    }

    /** A system line reporting {@code done} of {@code total}. */
    public synchronized void progress(Phase phase, String line, long done, long total) {
        if (isClosed(line)) {
            return;
        }
        lines++;
        emit(LogEvent.progress(++seq, clock.instant(), phase, masker.mask(line), done, total));
    }

    /** A change to a status that is not terminal. */
    public synchronized void status(DeploymentStatus status) {
        if (status.isTerminal()) {
            throw new IllegalArgumentException("Use ready(), failed() or canceled() for " + status);
        }
        if (isClosed(status.name())) {
            return;
        }
        emit(LogEvent.status(++seq, clock.instant(), status));
    }

    /** Ends the log: READY with the site's URL (may be null). */
    public synchronized void ready(String url) {
        end(LogEvent.ready(seq + 1, clock.instant(), url));
    }

    /** Ends the log: FAILED with one sentence saying why. */
    public synchronized void failed(@Nullable String error) {
        String masked = masker.maskNullable(error);
        end(
                LogEvent.failed(
                        seq + 1,
                        clock.instant(),
                        masked != null
                                ? masked
                                : "The build failed without a reason; the log above has the details."));
    }

    /** Ends the log: CANCELED with the reason. */
    public synchronized void canceled(@Nullable String reason) {
        end(LogEvent.canceled(seq + 1, clock.instant(), masker.maskNullable(reason)));
    }

    /** Whether the terminal event was written. */
    public synchronized boolean isEnded() {
        return terminal != null;
    }

    /** The number of lines (not status events) written so far. */
    public synchronized long lineCount() {
        return lines;
    }

    /** The highest seq written so far. */
    public synchronized long lastSeq() {
        return seq;
    }

    /** The text as it would be logged, secrets removed: for errors shown elsewhere. */
    public String mask(String text) {
        return masker.mask(text);
    }

    /** {@link #mask}, and {@code null} for {@code null}. */
    public @Nullable String maskNullable(@Nullable String text) {
        return masker.maskNullable(text);
    }

    private void end(LogEvent event) {
        if (terminal != null) {
            LOG.warn(
                    "The log already ended with {}; ignoring {}",
                    terminal.status(),
                    event.status());
            return;
        }
        seq++;
        terminal = event;
        emit(event);
    }

    private boolean isClosed(String what) {
        if (terminal != null) {
            LOG.warn("Event after the terminal status, not logged: {}", abbreviate(what));
            return true;
        }
        return false;
    }

    private void emit(LogEvent event) {
        String text = json.write(event);
        for (LogListener listener : listeners) {
            listener.onEvent(event, text);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
