package dev.slipway.core.project;

import dev.slipway.core.deployment.DeploymentId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A project, stored at {@code projects/<project>.json}. Writing it with a new {@code
 * liveDeploymentId} is the one PUT that makes a deployment live.
 */
public record ProjectRecord(
        String project,
        @Nullable String repoUrl,
        ProjectSettings settings,
        @Nullable String liveDeploymentId,
        @Nullable Instant updatedAt) {

    /** A record as read: absent settings are the defaults. */
    public ProjectRecord(
            String project,
            @Nullable String repoUrl,
            @Nullable ProjectSettings settings,
            @Nullable String liveDeploymentId,
            @Nullable Instant updatedAt) {
        this.project = Objects.requireNonNull(project, "project");
        this.repoUrl = repoUrl;
        this.settings = settings == null ? ProjectSettings.defaults() : settings;
        this.liveDeploymentId = liveDeploymentId;
        this.updatedAt = updatedAt;
    }

    public Optional<DeploymentId> live() {
        return Optional.ofNullable(liveDeploymentId).map(DeploymentId::of);
    }

    /** This record pointing at another deployment. */
    public ProjectRecord withLive(DeploymentId id, Instant now) {
        return new ProjectRecord(project, repoUrl, settings, id.value(), now);
    }

    /**
     * Whether {@code otherRepoUrl} names this project's repository. Scheme and host case, a
     * trailing {@code .git} and trailing slashes do not matter; credentials in the URL are ignored.
     */
    public boolean isSameRepository(@Nullable String otherRepoUrl) {
        return canonicalRepository(repoUrl).equals(canonicalRepository(otherRepoUrl));
    }

    /** The form of a repository URL that {@link #isSameRepository} compares. */
    public static String canonicalRepository(@Nullable String url) {
        if (url == null) {
            return "";
        }
        String s = url.trim();
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            String prefix = s.substring(0, scheme).toLowerCase(Locale.ROOT);
            String rest = s.substring(scheme + 3);
            int slash = rest.indexOf('/');
            String authority = slash >= 0 ? rest.substring(0, slash) : rest;
            String path = slash >= 0 ? rest.substring(slash) : "";
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
            s = prefix + "://" + authority.toLowerCase(Locale.ROOT) + path;
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        return s;
    }
}
