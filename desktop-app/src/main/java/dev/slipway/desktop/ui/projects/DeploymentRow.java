package dev.slipway.desktop.ui.projects;

import dev.slipway.core.deployment.Manifest;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A deployment as the table shows it, with its own URL ({@code <project>--<id10>.<baseDomain>},
 * served for good whether it is live or not).
 */
public record DeploymentRow(Manifest manifest, boolean live, String url) {

    /** A row whose deployment URL is not known. */
    public DeploymentRow(Manifest manifest, boolean live) {
        this(manifest, live, null);
    }

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    public String id() {
        return manifest.deploymentId();
    }

    /** {@code READY}, {@code FAILED}…; the live one carries a "Live" badge in the table. */
    public String status() {
        return manifest.status() == null ? "UNKNOWN" : manifest.status().name();
    }

    /** "3 min ago", "2 h ago", "yesterday", then the date. */
    public String createdRelative(java.time.Instant now, ZoneId zone) {
        if (manifest.createdAt() == null) {
            return "";
        }
        long s = Math.max(0, Duration.between(manifest.createdAt(), now).toSeconds());
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return (s / 60) + " min ago";
        }
        if (s < 86_400) {
            return (s / 3600) + " h ago";
        }
        if (s < 2 * 86_400) {
            return "yesterday";
        }
        if (s < 7 * 86_400) {
            return (s / 86_400) + " days ago";
        }
        return DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
                .format(manifest.createdAt().atZone(zone));
    }

    public String commit() {
        String c = manifest.commit();
        if (c == null || c.isBlank()) {
            return "";
        }
        String shortSha = c.length() > 7 ? c.substring(0, 7) : c;
        String message = manifest.commitMessage();
        return message == null || message.isBlank()
                ? shortSha
                : shortSha + " " + firstLine(message);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }

    public String created(ZoneId zone) {
        return manifest.createdAt() == null
                ? ""
                : CREATED.format(manifest.createdAt().atZone(zone));
    }

    public String duration() {
        if (manifest.createdAt() == null || manifest.finishedAt() == null) {
            return "";
        }
        long s =
                Math.max(
                        0,
                        Duration.between(manifest.createdAt(), manifest.finishedAt()).toSeconds());
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    /** Whether it was built as a preview (not made live by its own build). */
    public boolean preview() {
        return manifest.isPreview();
    }

    /** Whether Promote makes sense: a READY preview that is not live now. */
    public boolean canPromote() {
        return manifest.isReady() && !live && manifest.isPreview();
    }

    /** Whether "Roll back to this" makes sense: a READY build that is not live now. */
    public boolean canRollBackTo() {
        return manifest.isReady() && !live;
    }
}
