package dev.slipway.proxy.routing;

import java.nio.charset.StandardCharsets;

/**
 * Makes a {@code Location} value safe to send: every character that may not appear raw in a URI
 * (RFC 3986: controls, space, non-ASCII, {@code "<>\^`{|}}) is percent-encoded; valid escapes stay.
 */
public final class Locations {

    private Locations() {}

    /**
     * A request's raw query (Undertow hands raw bytes over as ISO-8859-1 characters) encoded for a
     * {@code Location}; null or empty gives "".
     */
    public static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return "?" + encodeLatin1(rawQuery);
    }

    /** {@code location} with anything unsafe percent-encoded (its text as UTF-8). */
    public static String safe(String location) {
        boolean clean = true;
        for (int i = 0; i < location.length() && clean; i++) {
            char c = location.charAt(i);
            clean = (allowed(c) && c != '%') || isEscape(location, i);
        }
        if (clean) {
            return location;
        }
        StringBuilder out = new StringBuilder(location.length() + 16);
        byte[] bytes = location.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2])) {
                out.append('%');
            } else if (b < 0x80 && allowed((char) b) && b != '%') {
                out.append((char) b);
            } else {
                escape(b, out);
            }
        }
        return out.toString();
    }

    private static String encodeLatin1(String raw) {
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (allowed(c) && c != '%') || isEscape(raw, i);
            if (!ok && out == null) {
                out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            if (out != null) {
                if (ok) {
                    out.append(c);
                } else {
                    escape(c & 0xff, out);
                }
            }
        }
        return out == null ? raw : out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return s.charAt(i) == '%'
                && i + 2 < s.length()
                && hex((byte) s.charAt(i + 1))
                && hex((byte) s.charAt(i + 2));
    }

    private static boolean allowed(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "-._~!$&'()*+,;=:@/?#[]%".indexOf(c) >= 0;
    }

    private static boolean hex(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }

    private static void escape(int b, StringBuilder out) {
        out.append('%')
                .append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }
}
