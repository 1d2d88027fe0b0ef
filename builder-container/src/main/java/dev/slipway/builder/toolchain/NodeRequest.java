package dev.slipway.builder.toolchain;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Node version someone asked for, and where: {@code 22} from {@code .nvmrc}, {@code >=18 <21}
 * from package.json's {@code engines.node}. Besides semver ranges it reads nvm's aliases: {@code
 * lts/*}, {@code lts/<codename>}, {@code lts/-1}, and {@code node}, {@code latest}, {@code current}
 * or {@code stable} for the newest release.
 *
 * @param raw the text as written (trimmed)
 * @param source where it was written, as the person names it: {@code NODE_VERSION}, {@code .nvmrc},
 *     {@code apps/web/package.json engines.node}
 * @param file the file to edit to change it, or null for the variable
 */
public record NodeRequest(String raw, String source, @Nullable String file) {

    private static final Pattern LTS = Pattern.compile("^lts/(?:(\\*)|-(\\d{1,2})|([a-z]+))$");

    /**
     * The releases this request accepts, on {@code today} (which decides what {@code lts/*} is).
     */
    public VersionRange range(LocalDate today) {
        String text = raw.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "node", "latest", "current", "stable" -> {
                return VersionRange.parse("*");
            }
            case "lts" -> {
                return VersionRange.parse(String.valueOf(LtsReleases.newest(today, 0)));
            }
            default -> {}
        }
        Matcher m = LTS.matcher(lower);
        if (m.matches()) {
            if (m.group(1) != null) {
                return VersionRange.parse(String.valueOf(LtsReleases.newest(today, 0)));
            }
            if (m.group(2) != null) {
                return VersionRange.parse(
                        String.valueOf(LtsReleases.newest(today, Integer.parseInt(m.group(2)))));
            }
            Optional<Integer> major = LtsReleases.byCodename(m.group(3));
            if (major.isEmpty()) {
                throw new IllegalArgumentException(
                        "'" + text + "' names no Node LTS line (iron is 20, jod 22, krypton 24)");
            }
            return VersionRange.parse(String.valueOf(major.get()));
        }
        return VersionRange.parse(text);
    }

    /** The log's words: {@code from .nvmrc '22'}. */
    public String describe() {
        return "from " + source + " '" + raw + "'";
    }
}
