package dev.slipway.core.project;

import com.google.gson.annotations.SerializedName;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Whether a site is served as a single-page app: always, never, or as detected from its files. */
public enum SpaMode {
    @SerializedName("auto")
    AUTO,
    @SerializedName("true")
    TRUE,
    @SerializedName("false")
    FALSE;

    /** The contract's spelling: {@code auto}, {@code true} or {@code false}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code auto}, {@code true} or {@code false} (any case); blank means {@link #AUTO}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SpaMode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return AUTO;
        }
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                return AUTO;
            case "true":
                return TRUE;
            case "false":
                return FALSE;
            default:
                throw new IllegalArgumentException(
                        "SPA mode '" + raw + "' is not one of auto, true or false.");
        }
    }

    /**
     * Decides for a built site from its output paths ('/'-separated, relative): {@code AUTO} means
     * SPA only when the output's only HTML file is {@code index.html} at its root (contract section
     * 5). Any multi-page output, or one with a {@code 404.html}, is not an SPA.
     */
    public boolean resolve(Collection<String> outputPaths) {
        return switch (this) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> {
                List<String> html = outputPaths.stream().filter(SpaMode::isHtml).limit(2).toList();
                yield html.size() == 1 && html.get(0).equals("index.html");
            }
        };
    }

    private static boolean isHtml(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".html") || lower.endsWith(".htm");
    }
}
