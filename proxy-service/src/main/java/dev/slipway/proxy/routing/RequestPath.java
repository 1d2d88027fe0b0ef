package dev.slipway.proxy.routing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path checked and decoded once, as the contract's 400 rules say: no {@code .} or {@code
 * ..} segment after decoding, no {@code %2F}, {@code %5C}, raw backslash, NUL (raw or encoded),
 * control character, broken percent-encoding or invalid UTF-8. Repeated slashes are merged. {@code
 * +} stays a plus sign (it means a space only in a query).
 *
 * <p>{@link #key()} is the manifest key form: relative, no leading slash; it ends with {@code /}
 * when the request did (a folder), and is empty for the root.
 */
public final class RequestPath {

    /** The longest raw path accepted; longer ones get 400 (no manifest path is near this). */
    public static final int MAX_LENGTH = 4096;

    private final String key;
    private final List<String> segments;
    private final boolean folder;

    private RequestPath(String key, List<String> segments, boolean folder) {
        this.key = key;
        this.segments = segments;
        this.folder = folder;
    }

    /** The outcome of parsing: a path, or why the request is bad. */
    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(RequestPath path) implements Parsed {}

    /** A reason for a 400, safe to show (it never repeats the input). */
    public record Invalid(String reason) implements Parsed {}

    /**
     * Parses the raw (still percent-encoded) path of a request, without its query. Never throws.
     */
    public static Parsed parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return new Invalid("The request path must start with '/'.");
        }
        if (raw.length() > MAX_LENGTH) {
            return new Invalid("The request path is too long.");
        }
        try {
            return split(isPlainAscii(raw) ? raw : decodeOnce(raw));
        } catch (BadPath e) {
            return new Invalid(e.getMessage());
        }
    }

    /** A rule the path breaks; the message is safe to show. */
    private static final class BadPath extends Exception {
        private static final long serialVersionUID = 1L;

        BadPath(String reason) {
            super(reason, null, false, false);
        }
    }

    /** No escapes, backslashes, controls or non-ASCII: nothing to decode (the common case). */
    private static boolean isPlainAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '\\' || c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decodes once into UTF-8 text, enforcing the byte-level rules. */
    private static String decodeOnce(String raw) throws BadPath {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new BadPath("The request path has a broken percent-escape.");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || raw.charAt(i + 1) > 'f' || raw.charAt(i + 2) > 'f') {
                    throw new BadPath("The request path has a broken percent-escape.");
                }
                int b = (hi << 4) | lo;
                if (b == '/') {
                    throw new BadPath("The request path has an encoded slash (%2F).");
                }
                if (b == '\\') {
                    throw new BadPath("The request path has an encoded backslash (%5C).");
                }
                if (b < 0x20 || b == 0x7f) {
                    throw new BadPath("The request path has a control character or NUL.");
                }
                bytes.put((byte) b);
                i += 2;
            } else if (c == '\\') {
                throw new BadPath("The request path has a backslash.");
            } else if (c < 0x20 || c == 0x7f) {
                throw new BadPath("The request path has a control character or NUL.");
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                // Undertow hands over raw non-ASCII bytes as ISO-8859-1 characters when it allows
                // them.
                if (c > 0xff) {
                    throw new BadPath("The request path is not valid UTF-8.");
                }
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            CharsetDecoder decoder =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new BadPath("The request path is not valid UTF-8.");
        }
    }

    private static Parsed split(String decoded) throws BadPath {
        List<String> segments = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= decoded.length(); i++) {
            if (i == decoded.length() || decoded.charAt(i) == '/') {
                String segment = decoded.substring(start, i);
                if (segment.equals(".") || segment.equals("..")) {
                    throw new BadPath("The request path has a '.' or '..' segment.");
                }
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
                start = i + 1;
            }
        }
        boolean folder = decoded.endsWith("/");
        String key = String.join("/", segments);
        if (folder && !key.isEmpty()) {
            key = key + "/";
        }
        return new Valid(new RequestPath(key, List.copyOf(segments), folder || segments.isEmpty()));
    }

    /** A path made of these decoded segments (none empty, {@code .} or {@code ..}). */
    static RequestPath of(List<String> segments, boolean folder) {
        String key = String.join("/", segments);
        boolean isFolder = folder || segments.isEmpty();
        if (isFolder && !key.isEmpty()) {
            key = key + "/";
        }
        return new RequestPath(key, List.copyOf(segments), isFolder);
    }

    /** This path without its first {@code n} segments (the root when none are left). */
    RequestPath dropFirst(int n) {
        return of(segments.subList(n, segments.size()), folder);
    }

    /** This path as a folder ({@code /about} to {@code /about/}). */
    RequestPath asFolder() {
        return of(segments, true);
    }

    /** This path without its trailing slash ({@code /about/} to {@code /about}); root stays. */
    RequestPath asFile() {
        return segments.isEmpty() ? this : of(segments, false);
    }

    /** The manifest-relative form: {@code ""} for the root, {@code docs/} for a folder. */
    public String key() {
        return key;
    }

    /** Whether the request named a folder (ended with '/', or is the root). */
    public boolean isFolder() {
        return folder;
    }

    /**
     * Whether the last segment has an extension ({@code app.js}: yes; {@code about}, {@code .env}:
     * no).
     */
    public boolean hasExtension() {
        if (segments.isEmpty() || folder) {
            return false;
        }
        String last = segments.get(segments.size() - 1);
        int dot = last.lastIndexOf('.');
        return dot > 0 && dot < last.length() - 1;
    }

    /** The decoded segments, none empty, {@code .} or {@code ..}. */
    public List<String> segments() {
        return segments;
    }

    /**
     * This path, percent-encoded again for a {@code Location} header: always starts with one '/'.
     */
    public String encoded() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/');
            encodeSegment(segment, out);
        }
        if (folder || out.length() == 0) {
            out.append('/');
        }
        return out.toString();
    }

    /** Percent-encodes one decoded segment for a URL path. */
    static void encodeSegment(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    @Override
    public String toString() {
        return "/" + key;
    }
}
