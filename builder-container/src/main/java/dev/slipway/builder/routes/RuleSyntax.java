package dev.slipway.builder.routes;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks shared by {@code _redirects}, {@code _headers} and {@code slipway.json}: path patterns
 * in the syntax of {@link dev.slipway.core.routes.Routes} ({@code :name} segments, a trailing
 * {@code *}), targets, status codes and header names. Each check answers with the sentence to show,
 * saying what to write instead, or empty when the text is fine.
 */
final class RuleSyntax {

    /** The statuses a redirect may have. */
    static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

    /**
     * Headers the proxy itself decides (message framing, connection handling, the encoding it
     * chose): a rule setting one would break responses, so it is refused.
     */
    static final Set<String> RESERVED_HEADERS =
            Set.of(
                    "content-length",
                    "transfer-encoding",
                    "content-encoding",
                    "connection",
                    "keep-alive",
                    "upgrade",
                    "trailer",
                    "te",
                    "host",
                    "date");

    /** Netlify's password protection, which Slipway cannot enforce. */
    static final String BASIC_AUTH = "basic-auth";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TARGET_PLACEHOLDER = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private RuleSyntax() {}

    static boolean isExternal(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** Checks a source pattern ({@code from}, a header rule's path). */
    static Optional<String> checkPattern(String pattern) {
        if (isExternal(pattern)) {
            return Optional.of(
                    "rules by host name ("
                            + shorten(pattern)
                            + ") are not supported: write the path only, such as /blog/*, and give the project its domain with `slipway domains add`");
        }
        if (!pattern.startsWith("/")) {
            return Optional.of(
                    "the path '" + shorten(pattern) + "' must start with /, such as /blog/*");
        }
        if (pattern.indexOf('?') >= 0) {
            return Optional.of(
                    "query strings are not matched ('"
                            + shorten(pattern)
                            + "'): write the path only; Slipway matches paths, not query parameters");
        }
        if (pattern.matches(".*[()\\[\\]+{}$^\\\\].*")) {
            return Optional.of(
                    "'"
                            + shorten(pattern)
                            + "' looks like a regular expression, which is not supported: use :name for one segment and a trailing /* for the rest (the target gets it as :splat)");
        }
        String[] segments = pattern.substring(1).split("/", -1);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.contains("*")) {
                if (!segment.equals("*") || !last) {
                    return Optional.of(
                            "'"
                                    + shorten(pattern)
                                    + "' has a * that is not a whole last segment: write a splat as a trailing /*, such as /blog/*");
                }
            } else if (segment.startsWith(":")) {
                String name = segment.substring(1);
                if (!NAME.matcher(name).matches()) {
                    return Optional.of(
                            "'"
                                    + shorten(pattern)
                                    + "' has a placeholder '"
                                    + shorten(segment)
                                    + "' that is not a name: write a whole segment such as /:slug (letters, digits, _)");
                }
                if (!names.add(name)) {
                    return Optional.of(
                            "'"
                                    + shorten(pattern)
                                    + "' uses :"
                                    + name
                                    + " twice: give each placeholder its own name");
                }
            } else if (segment.contains(":")) {
                return Optional.of(
                        "'"
                                + shorten(pattern)
                                + "' has a : inside a segment: a placeholder is a whole segment, such as /posts/:slug");
            }
        }
        return Optional.empty();
    }

    /** Checks a target against the placeholders its source pattern defines. */
    static Optional<String> checkTarget(String from, String to) {
        if (!to.startsWith("/") && !isExternal(to)) {
            return Optional.of(
                    "the target '"
                            + shorten(to)
                            + "' must be a path starting with / or an http(s):// URL");
        }
        Set<String> defined = definedPlaceholders(from);
        Matcher m = TARGET_PLACEHOLDER.matcher(to);
        while (m.find()) {
            // In a URL, ":8080" after the host is a port, not a placeholder.
            if (m.start() == 0 || to.charAt(m.start() - 1) != '/') {
                continue;
            }
            String name = m.group(1);
            if (!defined.contains(name)) {
                return Optional.of(
                        name.equals("splat")
                                ? "the target uses :splat but the source has no trailing /*: add it, such as /blog/*"
                                : "the target uses :"
                                        + name
                                        + ", which the source does not define: add a /:"
                                        + name
                                        + " segment to the source or remove it from the target");
            }
        }
        return Optional.empty();
    }

    private static Set<String> definedPlaceholders(String from) {
        Set<String> names = new HashSet<>();
        for (String segment : from.split("/")) {
            if (segment.equals("*")) {
                names.add("splat");
            } else if (segment.startsWith(":")) {
                names.add(segment.substring(1));
            }
        }
        return names;
    }

    /** Checks one header; the value is never echoed (it may be a credential). */
    static Optional<String> checkHeader(String name, String value) {
        if (!HEADER_NAME.matcher(name).matches()) {
            return Optional.of(
                    "'"
                            + shorten(name)
                            + "' is not a header name: write Name: value, such as X-Frame-Options: DENY");
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of(
                    name
                            + " is set by the server itself and cannot be changed by a rule: remove the line");
        }
        if (value.isEmpty()) {
            return Optional.of(name + " has no value: write Name: value, or remove the line");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return Optional.of(
                        "the value of " + name + " holds a control character: remove it");
            }
        }
        return Optional.empty();
    }

    static boolean isBasicAuth(String name) {
        return name.equalsIgnoreCase(BASIC_AUTH);
    }

    /** A piece of the user's text, short enough for one log line. */
    static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
