package dev.slipway.desktop.ui.projects;

import dev.slipway.core.deployment.Manifest;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A deployment as the table shows it. */
public record DeploymentRow(Manifest manifest, boolean live) {

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    public String id() {
        return manifest.deploymentId();
    }

    /** {@code READY}, with "(live)" for the one served now. */
    public String status() {
        String s = manifest.status() == null ? "UNKNOWN" : manifest.status().name();
        return live ? s + " · live" : s;
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

    /** Whether "Roll back to this" makes sense: a READY build that is not live now. */
    public boolean canRollBackTo() {
        return manifest.isReady() && !live;
    }
}
