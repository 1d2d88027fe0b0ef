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
        boolean force) {

    public BuildConfig {
        buildEnv = Map.copyOf(buildEnv);
    }

    public Optional<String> token() {
        return Optional.ofNullable(gitToken);
    }

    /** The settings a redeploy of this project reuses, saved in its project record. */
    public ProjectSettings settings() {
        return new ProjectSettings(
                ref, rootDirectory, installCommand, buildCommand, outputDirectory, spa);
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
