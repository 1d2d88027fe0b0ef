package dev.slipway.desktop.deploy;

import dev.slipway.core.project.ProjectSettings;
import java.util.Map;

/**
 * What the user asked to deploy. {@code repoUrl} null means "redeploy {@code slug} with its saved
 * settings"; {@code slug} null means "derive it from the repository". {@code env} becomes the
 * builder's {@code BUILD_ENV} and is saved with the project's settings for every later deploy;
 * {@code preview} builds without going live ({@code PREVIEW=true}); {@code secretEnv} are secret
 * variables ({@code deploy --secret-env}), saved in the mode's secret store before the launch and
 * never sent with it. {@code repeat} starts it even when an identical deploy started seconds ago
 * ({@link DeployService#recentDuplicate}); the CLI's {@code --force} sets it, the app after asking.
 */
public record DeployRequest(
        String repoUrl,
        String slug,
        ProjectSettings settings,
        Map<String, String> env,
        boolean force,
        boolean preview,
        Map<String, String> secretEnv,
        boolean repeat) {

    public DeployRequest {
        settings = settings == null ? ProjectSettings.defaults() : settings;
        env = env == null ? Map.of() : Map.copyOf(env);
        secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
    }

    /**
     * A deployment with secret variables of its own, refused when an identical one just started.
     */
    public DeployRequest(
            String repoUrl,
            String slug,
            ProjectSettings settings,
            Map<String, String> env,
            boolean force,
            boolean preview,
            Map<String, String> secretEnv) {
        this(repoUrl, slug, settings, env, force, preview, secretEnv, false);
    }

    /** A deployment without secret variables of its own. */
    public DeployRequest(
            String repoUrl,
            String slug,
            ProjectSettings settings,
            Map<String, String> env,
            boolean force,
            boolean preview) {
        this(repoUrl, slug, settings, env, force, preview, Map.of(), false);
    }

    /** A deployment that goes live when READY. */
    public DeployRequest(
            String repoUrl,
            String slug,
            ProjectSettings settings,
            Map<String, String> env,
            boolean force) {
        this(repoUrl, slug, settings, env, force, false, Map.of(), false);
    }

    /** This request, to be started even if an identical one started seconds ago. */
    public DeployRequest repeated() {
        return new DeployRequest(repoUrl, slug, settings, env, force, preview, secretEnv, true);
    }

    @Override
    public String toString() {
        return "DeployRequest[repoUrl="
                + repoUrl
                + ", slug="
                + slug
                + ", env="
                + env.keySet()
                + ", secretEnv="
                + secretEnv.keySet()
                + ", repeat="
                + repeat
                + "]";
    }
}
