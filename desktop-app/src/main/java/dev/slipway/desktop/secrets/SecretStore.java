package dev.slipway.desktop.secrets;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.util.Map;
import java.util.Set;

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
     * The environment the builder needs to read this build's secrets at start: {@code SECRETS_FILE}
     * (local) or {@code SECRETS_PARAMETER_PATH} (AWS), never the values themselves; empty when the
     * project has no secrets.
     */
    Map<String, String> builderEnvironment(Slug project, DeploymentId id);
}
