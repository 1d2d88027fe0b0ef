package dev.slipway.desktop.launch;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import java.util.Map;

/**
 * What to build: the project, the deployment id the launcher writes under, the repository and its
 * settings, the extra environment of the build ({@code BUILD_ENV}), the site's public URL, and an
 * optional token for a private repository (local mode only; never logged), and further variables of
 * contract section 5 chosen before the launch ({@code PREVIEW}, {@code SECRETS_FILE} or {@code
 * SECRETS_PARAMETER_PATH}, {@code SOURCE_DIRECTORY}, {@code SOURCE_ARCHIVE}), never secret values.
 */
public record LaunchSpec(
        Slug project,
        DeploymentId id,
        String repoUrl,
        ProjectSettings settings,
        Map<String, String> buildEnv,
        String siteUrl,
        String gitToken,
        Map<String, String> launchEnv) {

    public LaunchSpec {
        settings = settings == null ? ProjectSettings.defaults() : settings;
        buildEnv = buildEnv == null ? Map.of() : Map.copyOf(buildEnv);
        launchEnv = launchEnv == null ? Map.of() : Map.copyOf(launchEnv);
    }

    /** A build from Git that goes live when READY. */
    public LaunchSpec(
            Slug project,
            DeploymentId id,
            String repoUrl,
            ProjectSettings settings,
            Map<String, String> buildEnv,
            String siteUrl,
            String gitToken) {
        this(project, id, repoUrl, settings, buildEnv, siteUrl, gitToken, Map.of());
    }
}
