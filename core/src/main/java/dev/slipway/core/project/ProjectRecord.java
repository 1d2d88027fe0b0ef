package dev.slipway.core.project;

import dev.slipway.core.deployment.DeploymentId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A project, stored at {@code projects/<project>.json}. Writing it with a new {@code
 * liveDeploymentId} is the one PUT that makes a deployment live.
 */
public record ProjectRecord(
        String project,
        String repoUrl,
        ProjectSettings settings,
        String liveDeploymentId,
        Instant updatedAt) {

    public ProjectRecord {
        Objects.requireNonNull(project, "project");
        settings = settings == null ? ProjectSettings.defaults() : settings;
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
    public boolean isSameRepository(String otherRepoUrl) {
        return canonicalRepository(repoUrl).equals(canonicalRepository(otherRepoUrl));
    }

    /** The form of a repository URL that {@link #isSameRepository} compares. */
    public static String canonicalRepository(String url) {
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
