package dev.slipway.desktop.launch;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import java.util.Map;

/**
 * What to build: the project, the deployment id the launcher writes under, the repository and its
 * settings, the extra environment of the build ({@code BUILD_ENV}), the site's public URL, and an
 * optional token for a private repository (local mode only; never logged), further variables of
 * contract section 5 chosen before the launch ({@code PREVIEW}, {@code SECRETS_FILE} or {@code
 * SECRETS_PARAMETER_PATH}, {@code SOURCE_DIRECTORY}, {@code SOURCE_ARCHIVE}), never secret values,
 * and whether the build may take the project over from another repository ({@code FORCE=true}: the
 * builder checks ownership again when it writes the record, so a refused or failed takeover changes
 * nothing).
 */
public record LaunchSpec(
        Slug project,
        DeploymentId id,
        String repoUrl,
        ProjectSettings settings,
        Map<String, String> buildEnv,
        String siteUrl,
        String gitToken,
        Map<String, String> launchEnv,
        boolean force) {

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
        this(project, id, repoUrl, settings, buildEnv, siteUrl, gitToken, Map.of(), false);
    }

    /** A build with launch variables that does not take a project over. */
    public LaunchSpec(
            Slug project,
            DeploymentId id,
            String repoUrl,
            ProjectSettings settings,
            Map<String, String> buildEnv,
            String siteUrl,
            String gitToken,
            Map<String, String> launchEnv) {
        this(project, id, repoUrl, settings, buildEnv, siteUrl, gitToken, launchEnv, false);
    }

    /** A build without launch variables that may take a project over when {@code force}. */
    public LaunchSpec(
            Slug project,
            DeploymentId id,
            String repoUrl,
            ProjectSettings settings,
            Map<String, String> buildEnv,
            String siteUrl,
            String gitToken,
            boolean force) {
        this(project, id, repoUrl, settings, buildEnv, siteUrl, gitToken, Map.of(), force);
    }
}
