package dev.slipway.builder.config;

import dev.slipway.core.project.RepositoryCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What repository locations the builder accepts, and how they are shown without credentials. */
public final class RepositoryUrls {

    private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@[\\w.-]+:.*");

    private RepositoryUrls() {}

    /** What is wrong with {@code url} as GIT_REPOSITORY_URL; empty when it is accepted. */
    public static Optional<String> problem(String url, boolean allowLocal) {
        if (RepositoryCredentials.present(url)) {
            return Optional.of(
                    "GIT_REPOSITORY_URL must not carry credentials: remove them from the URL and pass the token as GIT_TOKEN.");
        }
        String shown = withoutCredentials(url);
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    return Optional.of(
                            "GIT_REPOSITORY_URL="
                                    + shown
                                    + " has no host: set it to a URL such as https://github.com/owner/repo.");
                }
                if (uri.getRawUserInfo() != null) {
                    return Optional.of(
                            "GIT_REPOSITORY_URL must not carry credentials: remove them from the URL and pass the token as GIT_TOKEN.");
                }
                return Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.of(
                        "GIT_REPOSITORY_URL="
                                + shown
                                + " is not a valid URL: set it to one such as https://github.com/owner/repo.");
            }
        }
        if (isLocal(url)) {
            if (!allowLocal) {
                return Optional.of(
                        "GIT_REPOSITORY_URL="
                                + shown
                                + " is a local path; only https:// repositories are built here (the local launcher sets ALLOW_LOCAL_REPOSITORY=true to allow local paths).");
            }
            if (lower.startsWith("file:")) {
                try {
                    Path parsed = Path.of(new URI(url)); // only whether it parses
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return Optional.of(
                            "GIT_REPOSITORY_URL="
                                    + shown
                                    + " is not a valid file:// URL: use file:///absolute/path/to/repo or the absolute path itself.");
                }
            }
            return Optional.empty();
        }
        if (lower.startsWith("http://")) {
            return Optional.of(
                    "GIT_REPOSITORY_URL="
                            + shown
                            + " uses plain http, which would send the token unencrypted: use the https:// URL.");
        }
        if (lower.startsWith("ssh://")
                || lower.startsWith("git://")
                || SCP_LIKE.matcher(url).matches()) {
            return Optional.of(
                    "GIT_REPOSITORY_URL="
                            + shown
                            + " is an SSH or git:// URL: use the repository's https:// URL, with GIT_TOKEN for a private repository.");
        }
        return Optional.of(
                "GIT_REPOSITORY_URL="
                        + shown
                        + " is not a repository URL: set it to one such as https://github.com/owner/repo"
                        + (allowLocal ? ", a file:// URL or an absolute path." : "."));
    }

    /** Whether the location is a local path or {@code file://} URL. */
    public static boolean isLocal(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("file:") || url.startsWith("/");
    }

    /** The local directory a local location names. */
    public static Path localPath(String url) {
        if (url.toLowerCase(Locale.ROOT).startsWith("file:")) {
            try {
                return Path.of(new URI(url));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Not a file URL: " + url, e);
            }
        }
        return Path.of(url);
    }

    /**
     * The text with the user-info part of every URL in it ({@code scheme://user:password@}, any
     * characters but {@code /}) reduced to {@code scheme://***@} (core's {@link
     * RepositoryCredentials#strip}).
     */
    public static String withoutCredentials(String text) {
        return RepositoryCredentials.strip(text);
    }
}
