package dev.slipway.proxy.cache;

import dev.slipway.core.deployment.DeploymentId;

/** What {@code projects/<project>.json} says is live, as far as the proxy knows. */
public sealed interface LivePointer {

    /** The project serves this deployment. */
    record Live(DeploymentId deploymentId) implements LivePointer {}

    /** The project exists but no deployment has been made live yet. */
    record NoLiveDeployment() implements LivePointer {}

    /** There is no such project (never made, or removed). */
    record NoProject() implements LivePointer {}
}
