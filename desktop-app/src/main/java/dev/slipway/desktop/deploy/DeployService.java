package dev.slipway.desktop.deploy;

import dev.slipway.core.deployment.DeploymentId;

/**
 * Starts and stops deployments through the configured launcher (local child process or ECS
 * RunTask). Blocking; the app calls it through its task runner.
 */
public interface DeployService {

    /**
     * Validates the request (slug, URL, ownership), writes QUEUED/STARTING and launches the build.
     *
     * @throws dev.slipway.desktop.SlipwayException with a sentence saying what to fix
     */
    DeploymentHandle deploy(DeployRequest request);

    /** Stops a running build (ECS StopTask, or kills the local process tree). */
    void cancel(DeploymentId id);
}
