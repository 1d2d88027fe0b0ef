package dev.slipway.proxy.accesslog;

import java.time.Instant;

/**
 * One access-log line being written as UTF-8 bytes into a reused buffer of the calling thread: no
 * {@code String} or {@code StringBuilder} per request. {@link #end()} queues it.
 */
public final class JsonLine {

    /** Longer values are cut: a header cannot make a line of unbounded length. */
    static final int MAX_VALUE_CHARS = 2048;

    private static final byte[] HEX =
            "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final AccessLog.Batch batch;
    private byte[] bytes = new byte[512];
    private int length;

    JsonLine(AccessLog.Batch batch) {
        this.batch = batch;
    }

    void reset() {
        length = 0;
    }

    private void room(int n) {
        if (length + n > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
    }

    /** Appends text as it is: JSON punctuation and field names (UTF-8 for anything else). */
    public JsonLine raw(String text) {
        int n = text.length();
        room(n * 3);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                utf8(text, i, c);
                if (Character.isHighSurrogate(c)
                        && i + 1 < n
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                }
            }
        }
        return this;
    }

    /**
     * Appends a JSON string (or {@code null}): quotes and backslashes escaped, control characters
     * (C0, DEL, C1) as {@code \}{@code u00XX}, so a request cannot forge a line; at most {@value
     * #MAX_VALUE_CHARS} characters.
     */
    public JsonLine string(String value) {
        if (value == null) {
            return raw("null");
        }
        int n = Math.min(value.length(), MAX_VALUE_CHARS);
        room(n * 6 + 2);
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                bytes[length++] = '\\';
                bytes[length++] = (byte) c;
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                bytes[length++] = '\\';
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xf];
            } else if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                utf8(value, i, c);
                if (Character.isHighSurrogate(c)
                        && i + 1 < n
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                }
            }
        }
        bytes[length++] = '"';
        return this;
    }

    private void utf8(String s, int i, char c) {
        if (c < 0x800) {
            bytes[length++] = (byte) (0xc0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            bytes[length++] = (byte) (0xf0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            bytes[length++] = (byte) (0x80 | (cp & 0x3f));
        } else if (Character.isSurrogate(c)) {
            bytes[length++] = '?';
        } else {
            bytes[length++] = (byte) (0xe0 | (c >> 12));
            bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
            bytes[length++] = (byte) (0x80 | (c & 0x3f));
        }
    }

    public JsonLine number(long value) {
        room(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return raw(Long.toString(value));
            }
            bytes[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return this;
    }

    /** Nanoseconds as milliseconds with three decimals ({@code 12.034}). */
    public JsonLine millis(long nanos) {
        long micros = nanos / 1000;
        number(micros / 1000);
        room(4);
        bytes[length++] = '.';
        threeDigits((int) (micros % 1000));
        return this;
    }

    private void threeDigits(int v) {
        bytes[length++] = (byte) ('0' + v / 100);
        bytes[length++] = (byte) ('0' + (v / 10) % 10);
        bytes[length++] = (byte) ('0' + v % 10);
    }

    /**
     * The current time, ISO-8601 UTC with milliseconds ({@code 2026-11-27T21:30:00.123Z}): the part
     * up to the seconds is formatted once per second.
     */
    public JsonLine timestamp() {
        long millis = System.currentTimeMillis();
        long second = Math.floorDiv(millis, 1000);
        Second s = current;
        if (s.epochSecond != second) {
            String text = Instant.ofEpochSecond(second).toString();
            s =
                    new Second(
                            second,
                            (text.substring(0, text.length() - 1) + ".")
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            current = s;
        }
        room(s.prefix.length + 4);
        System.arraycopy(s.prefix, 0, bytes, length, s.prefix.length);
        length += s.prefix.length;
        threeDigits((int) Math.floorMod(millis, 1000));
        bytes[length++] = 'Z';
        return this;
    }

    private record Second(long epochSecond, byte[] prefix) {}

    private static volatile Second current = new Second(Long.MIN_VALUE, new byte[0]);

    /** Ends the line and queues it for the writer. */
    public void end() {
        room(1);
        bytes[length++] = '\n';
        batch.add(bytes, length);
        length = 0;
    }
}
