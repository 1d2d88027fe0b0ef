package dev.slipway.desktop.launch;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import java.util.Map;

/**
 * What to build: the project, the deployment id the launcher writes under, the repository and its
 * settings, the extra environment of the build ({@code BUILD_ENV}), the site's public URL, and an
 * optional token for a private repository (local mode only; never logged).
 */
public record LaunchSpec(
        Slug project,
        DeploymentId id,
        String repoUrl,
        ProjectSettings settings,
        Map<String, String> buildEnv,
        String siteUrl,
        String gitToken) {

    public LaunchSpec {
        settings = settings == null ? ProjectSettings.defaults() : settings;
        buildEnv = buildEnv == null ? Map.of() : Map.copyOf(buildEnv);
    }
}
