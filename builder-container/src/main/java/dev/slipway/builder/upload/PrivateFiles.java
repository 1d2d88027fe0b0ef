package dev.slipway.builder.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What is never published from an output folder, however the build made it, and the record of what
 * was left out, for the log. At the output's root: the platform configuration files ({@code
 * slipway.json}, {@code vercel.json}, {@code netlify.toml}, {@code _redirects}, {@code _headers}),
 * which are read into the manifest's routes, not served. At any depth: Git's files and folders
 * ({@code .git}, {@code .gitignore}, {@code .gitattributes}, {@code .gitmodules}, …), {@code
 * .github/}, Slipway's link folder {@code .slipway/}, and {@code .env*} files, which by convention
 * hold secrets and are never meant for a browser.
 */
final class PrivateFiles {

    /** Root-level files read by the builder (or by other hosts), never served. */
    static final Set<String> CONFIG_FILES =
            Set.of("slipway.json", "vercel.json", "netlify.toml", "_redirects", "_headers");

    private final List<String> leftOut = new ArrayList<>();

    /** Whether the file or folder at {@code relative} ('/'-separated) is left out; records it. */
    boolean leaveOut(String relative, boolean folder) {
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1);
        boolean atRoot = slash < 0;
        String lower = name.toLowerCase(Locale.ROOT);
        boolean isPrivate =
                lower.startsWith(".git")
                        || lower.equals(".slipway")
                        || lower.startsWith(".env")
                        || (atRoot && !folder && CONFIG_FILES.contains(lower));
        if (isPrivate) {
            leftOut.add(folder ? relative + "/" : relative);
        }
        return isPrivate;
    }

    /** What was left out, in the order met. */
    List<String> leftOut() {
        return List.copyOf(leftOut);
    }
}
