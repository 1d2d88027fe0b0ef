package dev.slipway.desktop.secrets;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a project's secret build variables live, outside the bucket and outside the launcher's
 * overrides (contract sections 4 and 5): an owner-only JSON file under {@code $SLIPWAY_HOME} in
 * local mode, SSM Parameter Store SecureString parameters under the stack's path in AWS mode. The
 * project record keeps only their names ({@code settings.secretEnv}).
 */
public interface SecretStore {

    /** Saves (or replaces) one secret variable of a project. */
    void put(Slug project, String name, String value);

    /** Removes one secret variable; nothing happens when it is not there. */
    void remove(Slug project, String name);

    /** Removes every secret of a project (when the project is removed). */
    void removeAll(Slug project);

    /** The names of a project's secrets. */
    Set<String> names(Slug project);

    /**
     * The name a project's clone token is added, listed and removed under ({@code env add <project>
     * GIT_TOKEN --secret}, {@code deploy --secret-env GIT_TOKEN=…}); it is never a build variable.
     */
    String GIT_TOKEN = "GIT_TOKEN";

    /**
     * Saves (or replaces) a project's token for cloning from {@code host}; the builder offers it to
     * that host only.
     */
    void putGitToken(Slug project, String host, String token);

    /** Removes a project's clone tokens, for every host. */
    void removeGitTokens(Slug project);

    /**
     * The environment the builder needs to read this build's secrets at start: {@code SECRETS_FILE}
     * (local) or {@code SECRETS_PARAMETER_PATH} (AWS), never the values themselves; empty when the
     * project has no secret variables and no clone token for {@code gitHost}.
     *
     * @param gitHost the host the build clones from ({@link #gitHost}), or null
     */
    Map<String, String> builderEnvironment(Slug project, DeploymentId id, String gitHost);

    /**
     * The host a clone token is saved for: an https repository URL's host, lower case; empty for a
     * folder, a local path or a host that cannot name a parameter.
     */
    static Optional<String> gitHost(String repoUrl) {
        if (repoUrl == null || !repoUrl.trim().toLowerCase(Locale.ROOT).startsWith("https://")) {
            return Optional.empty();
        }
        try {
            String host = URI.create(repoUrl.trim()).getHost();
            return Optional.ofNullable(host)
                    .map(h -> h.toLowerCase(Locale.ROOT))
                    .filter(h -> HOST.matcher(h).matches());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A host name as it may end a parameter name (the builder's own rule). */
    Pattern HOST = Pattern.compile("^[a-z0-9][a-z0-9.-]*$");
}
