package dev.slipway.core.deployment;

/**
 * Where a deployment is in its life (contract section 6). The last three are terminal: once one is
 * written, the log stream ends and the deployment never changes again.
 */
public enum DeploymentStatus {
    QUEUED,
    STARTING,
    CLONING,
    INSTALLING,
    BUILDING,
    UPLOADING,
    READY,
    FAILED,
    CANCELED;

    /** Whether nothing follows this status. */
    public boolean isTerminal() {
        return this == READY || this == FAILED || this == CANCELED;
    }
}
