package dev.slipway.proxy.http;

import java.util.Locale;

/** One byte range of a {@code Range: bytes=…} header, resolved against the file's size. */
record ByteRange(long start, long end) {

    /** What a {@code Range} header asks of a file. */
    sealed interface Request permits Whole, Part, Unsatisfiable {}

    /**
     * No range, several ranges, another unit or bad syntax: the whole file (RFC 9110 allows it).
     */
    record Whole() implements Request {}

    /** The one {@link Whole}, compared by identity on the hot path. */
    static final Whole WHOLE = new Whole();

    record Part(ByteRange range) implements Request {}

    record Unsatisfiable() implements Request {}

    long length() {
        return end - start + 1;
    }

    /** The value of {@code Content-Range} for this range. */
    String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    /** The value of S3's {@code Range} parameter. */
    String s3Range() {
        return "bytes=" + start + "-" + end;
    }

    static Request parse(String header, long size) {
        if (header == null) {
            return WHOLE;
        }
        String h = header.trim();
        if (!h.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return WHOLE;
        }
        String spec = h.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        Long a = digits(first);
        Long b = digits(last);
        if (first.isEmpty()) {
            if (b == null) {
                return WHOLE;
            }
            if (b == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - b), size - 1));
        }
        if (a == null || (!last.isEmpty() && b == null)) {
            return WHOLE;
        }
        if (b != null && b < a) {
            return WHOLE;
        }
        if (a >= size) {
            return new Unsatisfiable();
        }
        long end = b == null ? size - 1 : Math.min(b, size - 1);
        return new Part(new ByteRange(a, end));
    }

    private static Long digits(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(s);
    }
}
