package dev.slipway.core.project;

import com.google.gson.annotations.SerializedName;
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
     * Decides for a built site: {@code AUTO} means SPA when the output has an {@code index.html}
     * and no {@code 404.html}.
     */
    public boolean resolve(boolean hasIndexHtml, boolean has404Html) {
        return switch (this) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> hasIndexHtml && !has404Html;
        };
    }
}
