package dev.slipway.desktop.deploy;

import dev.slipway.core.project.ProjectSettings;
import java.util.Map;

/**
 * What the user asked to deploy. {@code repoUrl} null means "redeploy {@code slug} with its saved
 * settings"; {@code slug} null means "derive it from the repository". {@code env} becomes the
 * builder's {@code BUILD_ENV} and is saved with the project's settings for every later deploy;
 * {@code preview} builds without going live ({@code PREVIEW=true}).
 */
public record DeployRequest(
        String repoUrl,
        String slug,
        ProjectSettings settings,
        Map<String, String> env,
        boolean force,
        boolean preview) {

    public DeployRequest {
        settings = settings == null ? ProjectSettings.defaults() : settings;
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** A deployment that goes live when READY. */
    public DeployRequest(
            String repoUrl,
            String slug,
            ProjectSettings settings,
            Map<String, String> env,
            boolean force) {
        this(repoUrl, slug, settings, env, force, false);
    }
}
