package dev.slipway.core.log;

import dev.slipway.core.deployment.DeploymentStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the flat JSON object the writers of log events produce ({@link LogEvent#toJson()} and the
 * builder's own writer) without Gson's reflection: a reader following a build that writes 100,000
 * lines a second parses as many events a second, and in a freshly started app this path is far less
 * code to warm up. It gives up (returns null) on anything it does not read exactly as Gson would,
 * such as an unknown field, a quoted number or an unknown phase; {@link LogEvent#fromJson} then
 * reads the text with Gson, which also words the errors. {@code EventJsonReaderTest} checks that
 * both readers agree.
 */
final class EventJsonReader {

    /**
     * The last time text read and its instant: consecutive events mostly share their millisecond.
     */
    private record Ts(String text, Instant at) {}

    private static volatile @Nullable Ts lastTs;

    private final String s;
    private int i;

    /** Set when a value is not one this reader reads exactly as Gson would. */
    private boolean failed;

    private EventJsonReader(String s) {
        this.s = s;
    }

    /** The event, or null when Gson must read this text. */
    static @Nullable LogEvent read(String json) {
        try {
            return new EventJsonReader(json).event();
        } catch (IndexOutOfBoundsException | NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private @Nullable LogEvent event() {
        long seq = 0;
        String tsText = null;
        String type = null;
        Phase phase = null;
        OutputStream stream = null;
        String line = null;
        DeploymentStatus status = null;
        String url = null;
        String error = null;
        Long done = null;
        Long total = null;
        boolean cont = false;
        skipSpace();
        if (s.charAt(i++) != '{') {
            return null;
        }
        skipSpace();
        if (s.charAt(i) == '}') {
            return null;
        }
        while (true) {
            String key = key();
            if (key == null) {
                return null;
            }
            skipSpace();
            if (s.charAt(i++) != ':') {
                return null;
            }
            skipSpace();
            switch (key) {
                case "seq" -> {
                    Long n = number();
                    if (n == null) {
                        return null;
                    }
                    seq = n;
                }
                case "done" -> done = number();
                case "total" -> total = number();
                case "cont" -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        cont = true;
                    } else {
                        // false or null: Gson keeps them as such, the factories drop them.
                        return null;
                    }
                }
                case "ts" -> tsText = string();
                case "type" -> type = string();
                case "line" -> line = string();
                case "url" -> url = string();
                case "error" -> error = string();
                case "phase" -> {
                    String v = string();
                    phase = v == null ? null : phase(v);
                    if (v != null && phase == null) {
                        return null;
                    }
                }
                case "stream" -> {
                    String v = string();
                    stream = v == null ? null : stream(v);
                    if (v != null && stream == null) {
                        return null;
                    }
                }
                case "status" -> {
                    String v = string();
                    status = v == null ? null : status(v);
                    if (v != null && status == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
            if (failed) {
                return null;
            }
            skipSpace();
            char c = s.charAt(i++);
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return null;
            }
            skipSpace();
        }
        skipSpace();
        if (i != s.length() || type == null || tsText == null) {
            return null;
        }
        if (LogEvent.TYPE_STATUS.equals(type) && status == null) {
            return null;
        }
        return LogEvent.of(
                seq,
                instant(tsText),
                type,
                phase,
                stream,
                line,
                status,
                url,
                error,
                done,
                total,
                cont ? Boolean.TRUE : null);
    }

    private @Nullable String key() {
        if (s.charAt(i) != '"') {
            return null;
        }
        int start = ++i;
        while (true) {
            char c = s.charAt(i);
            if (c == '"') {
                return s.substring(start, i++);
            }
            if (c == '\\') {
                return null;
            }
            i++;
        }
    }

    /** A number written as a plain integer, or null (the literal); anything else fails. */
    private @Nullable Long number() {
        if (s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        int start = i;
        if (s.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == digits || i - digits > 19) {
            failed = true;
            return null;
        }
        char next = s.charAt(i);
        if (next == '.' || next == 'e' || next == 'E') {
            failed = true;
            return null;
        }
        return Long.parseLong(s, start, i, 10);
    }

    /** A string (escapes decoded), or null for the literal; anything else fails. */
    private @Nullable String string() {
        if (s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        if (s.charAt(i) != '"') {
            failed = true;
            return null;
        }
        int start = ++i;
        while (true) {
            char c = s.charAt(i);
            if (c == '"') {
                return s.substring(start, i++);
            }
            if (c == '\\') {
                return escaped(start);
            }
            i++;
        }
    }

    private @Nullable String escaped(int start) {
        StringBuilder out = new StringBuilder(s.length() - start);
        out.append(s, start, i);
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(s.charAt(i++), 16);
                        if (d < 0) {
                            failed = true;
                            return null;
                        }
                        code = code * 16 + d;
                    }
                    out.append((char) code);
                }
                default -> {
                    failed = true;
                    return null;
                }
            }
        }
    }

    private void skipSpace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private static @Nullable Phase phase(String v) {
        for (Phase p : PHASES) {
            if (p.value().equals(v)) {
                return p;
            }
        }
        return null;
    }

    private static @Nullable OutputStream stream(String v) {
        for (int k = 0; k < STREAMS.length; k++) {
            if (STREAM_NAMES[k].equals(v)) {
                return STREAMS[k];
            }
        }
        return null;
    }

    private static @Nullable DeploymentStatus status(String v) {
        for (DeploymentStatus d : STATUSES) {
            if (d.name().equals(v)) {
                return d;
            }
        }
        return null;
    }

    private static final Phase[] PHASES = Phase.values();
    private static final OutputStream[] STREAMS = OutputStream.values();
    private static final String[] STREAM_NAMES = new String[STREAMS.length];

    static {
        for (int k = 0; k < STREAMS.length; k++) {
            STREAM_NAMES[k] = STREAMS[k].name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final DeploymentStatus[] STATUSES = DeploymentStatus.values();

    private static Instant instant(String text) {
        Ts last = lastTs;
        if (last != null && last.text().equals(text)) {
            return last.at();
        }
        Instant at = Instant.parse(text);
        if (at.getNano() % 1_000_000 != 0) {
            // Gson keeps a finer time as written; the factories keep milliseconds.
            throw new DateTimeParseException("finer than milliseconds", text, 0);
        }
        lastTs = new Ts(text, at);
        return at;
    }
}
