package dev.slipway.core.deployment;

import dev.slipway.core.routes.Routes;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A deployment's manifest, stored at {@code deployments/<project>/<deploymentId>.json}: what was
 * built, how it ended, and every file path mapped to its blob. Field names are fixed by the
 * contract (section 4); {@code commitMessage} is an addition. The optional fields {@code preview}
 * (built as a preview: never made live by its own build), {@code basePath} (the site is served
 * under that prefix, e.g. {@code /docs}; {@code null} for the root) and {@code routes} (redirects,
 * rewrites and headers, see {@link Routes}) may be absent.
 *
 * <p>Paths in {@code files} are relative, '/'-separated, without a leading slash. The map is kept
 * sorted so a manifest's JSON is the same for the same files.
 */
public record Manifest(
        String project,
        String deploymentId,
        DeploymentStatus status,
        @Nullable String repoUrl,
        @Nullable String ref,
        @Nullable String commit,
        @Nullable String commitMessage,
        Instant createdAt,
        @Nullable Instant finishedAt,
        @Nullable String framework,
        @Nullable Boolean spa,
        @Nullable String error,
        Map<String, FileEntry> files,
        @Nullable Boolean preview,
        @Nullable String basePath,
        @Nullable Routes routes) {

    /** A manifest as read: absent files are none. */
    public Manifest(
            String project,
            String deploymentId,
            DeploymentStatus status,
            @Nullable String repoUrl,
            @Nullable String ref,
            @Nullable String commit,
            @Nullable String commitMessage,
            Instant createdAt,
            @Nullable Instant finishedAt,
            @Nullable String framework,
            @Nullable Boolean spa,
            @Nullable String error,
            @Nullable Map<String, FileEntry> files,
            @Nullable Boolean preview,
            @Nullable String basePath,
            @Nullable Routes routes) {
        this.project = project;
        this.deploymentId = deploymentId;
        this.status = status;
        this.repoUrl = repoUrl;
        this.ref = ref;
        this.commit = commit;
        this.commitMessage = commitMessage;
        this.createdAt = createdAt;
        this.finishedAt = finishedAt;
        this.framework = framework;
        this.spa = spa;
        this.error = error;
        this.files =
                files == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.preview = preview;
        this.basePath = basePath;
        this.routes = routes;
    }

    /** A manifest without the optional {@code preview}, {@code basePath} and {@code routes}. */
    public Manifest(
            String project,
            String deploymentId,
            DeploymentStatus status,
            @Nullable String repoUrl,
            @Nullable String ref,
            @Nullable String commit,
            @Nullable String commitMessage,
            Instant createdAt,
            @Nullable Instant finishedAt,
            @Nullable String framework,
            @Nullable Boolean spa,
            @Nullable String error,
            @Nullable Map<String, FileEntry> files) {
        this(
                project,
                deploymentId,
                status,
                repoUrl,
                ref,
                commit,
                commitMessage,
                createdAt,
                finishedAt,
                framework,
                spa,
                error,
                files,
                null,
                null,
                null);
    }

    /** Whether this deployment was built as a preview. */
    public boolean isPreview() {
        return Boolean.TRUE.equals(preview);
    }

    /** The routing rules; empty when the manifest has none. */
    public Routes routesOrNone() {
        return routes == null ? Routes.none() : routes;
    }

    /** Whether this deployment can be served (and so made live). */
    public boolean isReady() {
        return status == DeploymentStatus.READY;
    }

    /** Whether this deployment is served as a single-page app. */
    public boolean isSpa() {
        return Boolean.TRUE.equals(spa);
    }

    /** The sum of the sizes of this deployment's files. */
    public long totalBytes() {
        return files.values().stream().mapToLong(FileEntry::size).sum();
    }

    public DeploymentId id() {
        return DeploymentId.of(deploymentId);
    }
}
