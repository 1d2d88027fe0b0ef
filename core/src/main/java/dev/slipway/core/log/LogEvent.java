package dev.slipway.core.log;

import com.google.gson.JsonParseException;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event of a build's log (contract section 6), written as one JSON object: to the Redis stream
 * (field {@code e}) and as one line of the archive.
 *
 * <p>{@code type} is {@code log} (with {@code phase}, {@code stream}, {@code line}) or {@code
 * status} (with {@code status}, and {@code url} for READY or {@code error} for FAILED). A system
 * line may carry {@code done}/{@code total} to report progress (an addition to the contract). A
 * line longer than 1 MiB comes in pieces, each but the last with {@code "cont":true}.
 */
public final class LogEvent {

    public static final String TYPE_LOG = "log";
    public static final String TYPE_STATUS = "status";

    private final long seq;
    private final Instant ts;
    private final String type;
    private final @Nullable Phase phase;
    private final @Nullable OutputStream stream;
    private final @Nullable String line;
    private final @Nullable DeploymentStatus status;
    private final @Nullable String url;
    private final @Nullable String error;
    private final @Nullable Long done;
    private final @Nullable Long total;
    private final @Nullable Boolean cont;

    private LogEvent(
            long seq,
            Instant ts,
            String type,
            @Nullable Phase phase,
            @Nullable OutputStream stream,
            @Nullable String line,
            @Nullable DeploymentStatus status,
            @Nullable String url,
            @Nullable String error,
            @Nullable Long done,
            @Nullable Long total) {
        this(seq, ts, type, phase, stream, line, status, url, error, done, total, null);
    }

    private LogEvent(
            long seq,
            Instant ts,
            String type,
            @Nullable Phase phase,
            @Nullable OutputStream stream,
            @Nullable String line,
            @Nullable DeploymentStatus status,
            @Nullable String url,
            @Nullable String error,
            @Nullable Long done,
            @Nullable Long total,
            @Nullable Boolean cont) {
        this.cont = Boolean.TRUE.equals(cont) ? Boolean.TRUE : null;
        this.seq = seq;
        this.ts = ts.truncatedTo(ChronoUnit.MILLIS);
        this.type = type;
        this.phase = phase;
        this.stream = stream;
        this.line = line;
        this.status = status;
        this.url = url;
        this.error = error;
        this.done = done;
        this.total = total;
    }

    /** A line of output. */
    public static LogEvent line(
            long seq, Instant ts, Phase phase, OutputStream stream, String line) {
        return new LogEvent(
                seq,
                ts,
                TYPE_LOG,
                Objects.requireNonNull(phase, "phase"),
                Objects.requireNonNull(stream, "stream"),
                Objects.requireNonNull(line, "line"),
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * A piece of a line longer than 1 MiB (contract section 6): every piece but the last carries
     * {@code "cont":true}, and readers join the pieces into the one line.
     */
    public static LogEvent piece(
            long seq, Instant ts, Phase phase, OutputStream stream, String text, boolean cont) {
        return new LogEvent(
                seq,
                ts,
                TYPE_LOG,
                Objects.requireNonNull(phase, "phase"),
                Objects.requireNonNull(stream, "stream"),
                Objects.requireNonNull(text, "line"),
                null,
                null,
                null,
                null,
                null,
                cont);
    }

    /** A system line that also reports progress: {@code done} of {@code total} units. */
    public static LogEvent progress(
            long seq, Instant ts, Phase phase, String line, long done, long total) {
        return new LogEvent(
                seq, ts, TYPE_LOG, phase, OutputStream.SYSTEM, line, null, null, null, done, total);
    }

    /** A change of status that is neither READY nor FAILED. */
    public static LogEvent status(long seq, Instant ts, DeploymentStatus status) {
        if (status == DeploymentStatus.FAILED) {
            throw new IllegalArgumentException("A FAILED status carries its error: use failed()");
        }
        return new LogEvent(seq, ts, TYPE_STATUS, null, null, null, status, null, null, null, null);
    }

    /** The terminal READY status, with the site's URL (may be null when the launcher gave none). */
    public static LogEvent ready(long seq, Instant ts, @Nullable String url) {
        return new LogEvent(
                seq,
                ts,
                TYPE_STATUS,
                null,
                null,
                null,
                DeploymentStatus.READY,
                url,
                null,
                null,
                null);
    }

    /** The terminal FAILED status, with one sentence saying why. */
    public static LogEvent failed(long seq, Instant ts, String error) {
        return new LogEvent(
                seq,
                ts,
                TYPE_STATUS,
                null,
                null,
                null,
                DeploymentStatus.FAILED,
                null,
                Objects.requireNonNull(error, "error"),
                null,
                null);
    }

    /** The terminal CANCELED status. */
    public static LogEvent canceled(long seq, Instant ts, @Nullable String reason) {
        return new LogEvent(
                seq,
                ts,
                TYPE_STATUS,
                null,
                null,
                null,
                DeploymentStatus.CANCELED,
                null,
                reason,
                null,
                null);
    }

    /** For {@link EventJsonReader}: an event as read, the factories' checks left to the reader. */
    static LogEvent of(
            long seq,
            Instant ts,
            String type,
            @Nullable Phase phase,
            @Nullable OutputStream stream,
            @Nullable String line,
            @Nullable DeploymentStatus status,
            @Nullable String url,
            @Nullable String error,
            @Nullable Long done,
            @Nullable Long total,
            @Nullable Boolean cont) {
        return new LogEvent(
                seq, ts, type, phase, stream, line, status, url, error, done, total, cont);
    }

    /** This event as one line of JSON, without a line break. */
    public String toJson() {
        return Json.events().toJson(this);
    }

    /**
     * Reads one event.
     *
     * @throws IllegalArgumentException when the text is not a log event
     */
    public static LogEvent fromJson(String json) {
        LogEvent fast = EventJsonReader.read(json);
        return fast != null ? fast : fromJsonWithGson(json);
    }

    /** {@link #fromJson} without the fast path: what {@code EventJsonReaderTest} compares with. */
    static LogEvent fromJsonWithGson(String json) {
        LogEvent e;
        try {
            e = Json.events().fromJson(json, LogEvent.class);
        } catch (JsonParseException ex) {
            throw new IllegalArgumentException("Not a log event: " + ex.getMessage(), ex);
        }
        if (e == null || e.type == null || e.ts == null) {
            throw new IllegalArgumentException(
                    "Not a log event (no type or ts): " + abbreviate(json));
        }
        if (TYPE_STATUS.equals(e.type) && e.status == null) {
            throw new IllegalArgumentException(
                    "A status event without a status: " + abbreviate(json));
        }
        return e;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    public long seq() {
        return seq;
    }

    public Instant ts() {
        return ts;
    }

    public String type() {
        return type;
    }

    public boolean isStatus() {
        return TYPE_STATUS.equals(type);
    }

    public boolean isLine() {
        return TYPE_LOG.equals(type);
    }

    /** Whether this is a status event whose status ends the deployment. */
    public boolean isTerminal() {
        return isStatus() && status != null && status.isTerminal();
    }

    public @Nullable Phase phase() {
        return phase;
    }

    public @Nullable OutputStream stream() {
        return stream;
    }

    public @Nullable String line() {
        return line;
    }

    public @Nullable DeploymentStatus status() {
        return status;
    }

    public @Nullable String url() {
        return url;
    }

    public @Nullable String error() {
        return error;
    }

    /** Progress units done, for a progress line; else null. */
    public @Nullable Long done() {
        return done;
    }

    /** Whether the line goes on in the next event of the same phase and stream (a split line). */
    public boolean cont() {
        return Boolean.TRUE.equals(cont);
    }

    /** Progress units in all, for a progress line; else null. */
    public @Nullable Long total() {
        return total;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LogEvent other)) {
            return false;
        }
        return seq == other.seq
                && ts.equals(other.ts)
                && type.equals(other.type)
                && phase == other.phase
                && stream == other.stream
                && Objects.equals(line, other.line)
                && status == other.status
                && Objects.equals(url, other.url)
                && Objects.equals(error, other.error)
                && Objects.equals(done, other.done)
                && Objects.equals(total, other.total)
                && cont() == other.cont();
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, ts, type, phase, stream, line, status, url, error, cont());
    }

    @Override
    public String toString() {
        return toJson();
    }
}
