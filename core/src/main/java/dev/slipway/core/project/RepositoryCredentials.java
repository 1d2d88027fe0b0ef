package dev.slipway.core.project;

import java.util.regex.Pattern;

/**
 * Credentials inside repository URLs ({@code https://user:password@host/…}): found so a launcher
 * can refuse them before anything is written (contract section 4), and removed from any text before
 * it is shown or logged. The user-info part may hold any character a careless user types:
 * {@code @}, {@code :}, spaces, non-ASCII letters; only {@code /} ends it, as in a URL.
 */
public final class RepositoryCredentials {

    /** What replaces the user-info part. */
    public static final String MASK = "***";

    /**
     * {@code scheme://}, then everything up to the last {@code @} before the next {@code /} or the
     * end of the line, without crossing into another {@code scheme://}.
     */
    private static final Pattern IN_TEXT =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)(?:(?!://)[^/\\r\\n])*@");

    private RepositoryCredentials() {}

    /**
     * Whether {@code url} carries credentials: an {@code @} in its authority, or a {@code :} there
     * followed by something other than a port number (a password holding a {@code /}).
     */
    public static boolean present(String url) {
        if (url == null) {
            return false;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String rest = url.substring(scheme + 3);
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = rest.substring(0, end);
        if (authority.indexOf('@') >= 0) {
            return true;
        }
        int colon = authority.lastIndexOf(':');
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            colon = close < 0 ? -1 : authority.indexOf(':', close);
        }
        return colon >= 0 && !authority.substring(colon + 1).matches("[0-9]*");
    }

    /**
     * One repository URL without its credentials, for messages: {@code https://***@host/o/r}.
     * Unlike {@link #strip}, it also removes a password that holds a {@code /}.
     */
    public static String withoutCredentials(String url) {
        if (!present(url)) {
            return url;
        }
        int scheme = url.indexOf("://");
        String rest = url.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at =
                authority.indexOf('@') >= 0
                        ? authority.lastIndexOf('@')
                        : rest.indexOf('@', authority.length());
        String host = at < 0 ? "" : rest.substring(at + 1);
        return url.substring(0, scheme + 3) + MASK + "@" + host;
    }

    /** {@code text} with the user-info part of every URL in it replaced by {@link #MASK}. */
    public static String strip(String text) {
        if (text == null || text.indexOf('@') < 0 || !text.contains("://")) {
            return text;
        }
        return IN_TEXT.matcher(text).replaceAll("$1" + MASK + "@");
    }
}
