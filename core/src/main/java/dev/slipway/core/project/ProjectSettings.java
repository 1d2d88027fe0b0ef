package dev.slipway.core.project;

/**
 * How a project is built, saved in its record so a redeploy uses the same settings. {@code null}
 * means "detect" (or, for {@code ref}, the remote's default branch).
 */
public record ProjectSettings(
        String ref,
        String rootDirectory,
        String installCommand,
        String buildCommand,
        String outputDirectory,
        SpaMode spa) {

    public ProjectSettings {
        spa = spa == null ? SpaMode.AUTO : spa;
    }

    /** Everything detected, default branch. */
    public static ProjectSettings defaults() {
        return new ProjectSettings(null, null, null, null, null, SpaMode.AUTO);
    }
}
