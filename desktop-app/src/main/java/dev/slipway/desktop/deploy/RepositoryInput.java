package dev.slipway.desktop.deploy;

import dev.slipway.core.config.Mode;
import dev.slipway.desktop.SlipwayException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user typed as the repository, checked and put in the form the builder gets: an {@code
 * https://} URL on any host; in local mode also a folder (made absolute) or a {@code file://} URL.
 */
final class RepositoryInput {

    private static final Pattern SCP_LIKE =
            Pattern.compile("^(?:[\\w.-]+@)?([\\w.-]+):(?!//)(.+)$");

    private RepositoryInput() {}

    static String normalize(String raw, Mode mode, Path workingDir) {
        String s = raw.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            try {
                URI uri = URI.create(s);
                if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) {
                    throw new IllegalArgumentException("no host or path");
                }
            } catch (IllegalArgumentException e) {
                throw SlipwayException.badInput(
                        "'"
                                + s
                                + "' is not a repository URL; give one such as https://github.com/owner/repo.");
            }
            return s;
        }
        if (lower.startsWith("http://")) {
            throw SlipwayException.badInput(
                    "Slipway clones over HTTPS only: use https://" + s.substring(7) + " instead.");
        }
        if (lower.startsWith("ssh://") || lower.startsWith("git://")) {
            throw SlipwayException.badInput(
                    "Slipway clones over HTTPS only: give the repository's https:// URL instead of "
                            + s
                            + ".");
        }
        boolean isFileUrl = lower.startsWith("file://");
        Matcher scp = SCP_LIKE.matcher(s);
        if (!isFileUrl
                && scp.matches()
                && !looksLikeWindowsPath(s)
                && !Files.exists(resolve(s, workingDir))) {
            String path = scp.group(2).replaceAll("\\.git$", "");
            throw SlipwayException.badInput(
                    "Slipway clones over HTTPS only: use https://"
                            + scp.group(1)
                            + "/"
                            + path
                            + " instead of "
                            + s
                            + ".");
        }
        if (isFileUrl) {
            if (mode == Mode.AWS) {
                throw SlipwayException.badInput(
                        "'"
                                + s
                                + "' is a repository on this machine, which only local mode can clone; give its folder's path to upload the folder, or its https:// URL.");
            }
            Path p;
            try {
                p = Path.of(URI.create(s));
            } catch (IllegalArgumentException e) {
                throw SlipwayException.badInput(
                        "'" + s + "' is not a valid file:// URL; give the folder's path instead.");
            }
            requireRepository(p, s);
            return s;
        }
        Path folder = resolve(s, workingDir);
        if (Files.isRegularFile(folder)) {
            throw SlipwayException.badInput(
                    "'"
                            + s
                            + "' is a file; give the site's folder"
                            + (folder.getParent() == null
                                    ? ""
                                    : " (such as " + folder.getParent() + ")")
                            + " or the repository's https:// URL.");
        }
        if (!Files.isDirectory(folder)) {
            throw SlipwayException.badInput(
                    "'"
                            + s
                            + "' is neither an https:// URL nor an existing folder; give the repository's URL or the path of a folder.");
        }
        return folder.toString();
    }

    /** The folder a normalized repository names, when it is a plain path (not a URL). */
    static Optional<Path> folder(String normalized) {
        if (normalized == null || !normalized.startsWith("/")) {
            return Optional.empty();
        }
        Path p = Path.of(normalized);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** {@code $HOME} when set, else the account's home folder. */
    private static String home() {
        String env = System.getenv("HOME");
        return env != null && !env.isBlank() ? env : System.getProperty("user.home");
    }

    private static boolean looksLikeWindowsPath(String s) {
        return s.length() > 2
                && Character.isLetter(s.charAt(0))
                && s.charAt(1) == ':'
                && (s.charAt(2) == '\\' || s.charAt(2) == '/');
    }

    private static Path resolve(String s, Path workingDir) {
        try {
            Path p = Path.of(s.startsWith("~/") ? home() + s.substring(1) : s);
            return workingDir.resolve(p).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw SlipwayException.badInput(
                    "'"
                            + s
                            + "' is neither an https:// URL nor a folder; give the repository's URL or path.");
        }
    }

    private static void requireRepository(Path folder, String typed) {
        if (Files.isRegularFile(folder)) {
            throw SlipwayException.badInput(
                    "'"
                            + typed
                            + "' is a file; give the folder of the Git checkout"
                            + (folder.getParent() == null
                                    ? ""
                                    : " (such as " + folder.getParent() + ")")
                            + " or the repository's https:// URL.");
        }
        if (!Files.isDirectory(folder)) {
            throw SlipwayException.badInput(
                    "'"
                            + typed
                            + "' is neither an https:// URL nor an existing folder; give the repository's URL or the path of a Git checkout.");
        }
        if (!Files.exists(folder.resolve(".git")) && !Files.exists(folder.resolve("HEAD"))) {
            throw SlipwayException.badInput(
                    "The folder "
                            + folder
                            + " is not a Git repository; run 'git init' and commit the site there, or give another folder.");
        }
    }
}
