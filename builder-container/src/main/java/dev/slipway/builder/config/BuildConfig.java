package dev.slipway.builder.config;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.core.project.SpaMode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one build was asked to do, read from the environment of contract section 5 and
 * checked. Optional values are {@code null} when not given.
 *
 * @param force whether a project owned by another repository may be taken over ({@code FORCE=true},
 *     an addition to the contract)
 * @param options preview, secrets and a working tree instead of Git ({@link DeployOptions})
 */
public record BuildConfig(
        String repositoryUrl,
        boolean allowLocalRepository,
        String ref,
        String gitToken,
        Slug project,
        DeploymentId deploymentId,
        String bucket,
        URI s3Endpoint,
        String redisUrl,
        String rootDirectory,
        String installCommand,
        String buildCommand,
        String outputDirectory,
        Map<String, String> buildEnv,
        SpaMode spa,
        Duration buildTimeout,
        boolean cacheEnabled,
        String siteUrl,
        boolean force,
        DeployOptions options) {

    public BuildConfig {
        buildEnv = Map.copyOf(buildEnv);
        options = options == null ? DeployOptions.none() : options;
    }

    /** The variables install and build get: {@code BUILD_ENV} and the secrets of the build. */
    public Map<String, String> buildEnvWithSecrets() {
        Map<String, String> all = new java.util.LinkedHashMap<>(buildEnv);
        all.putAll(options.secrets());
        return all;
    }

    public Optional<String> token() {
        return Optional.ofNullable(gitToken);
    }

    /** The settings a redeploy of this project reuses, saved in its project record. */
    public ProjectSettings settings() {
        return new ProjectSettings(
                        ref, rootDirectory, installCommand, buildCommand, outputDirectory, spa)
                .withEnv(buildEnv, secretNames());
    }

    /**
     * The names the record keeps in {@code settings.secretEnv}: the secret variables, and {@code
     * GIT_TOKEN} when the project's own clone token came with them (so the next deploy reads it
     * again).
     */
    private java.util.List<String> secretNames() {
        java.util.List<String> names = new java.util.ArrayList<>(options.secrets().keySet());
        if (options.gitToken() != null && !names.contains("GIT_TOKEN")) {
            names.add("GIT_TOKEN");
        }
        return java.util.List.copyOf(names);
    }

    @Override
    public String toString() {
        // Never print the token or the Redis password.
        return "BuildConfig[project="
                + project
                + ", deploymentId="
                + deploymentId
                + ", ref="
                + ref
                + "]";
    }
}
