package dev.slipway.builder.pipeline;

import dev.slipway.core.deployment.DeploymentStatus;

/**
 * How the build ended: its terminal status, the exit status of contract section 5 and, when it did
 * not succeed, the one sentence saying why.
 */
public record BuildOutcome(DeploymentStatus status, int exitCode, String error) {

    public static BuildOutcome ready() {
        return new BuildOutcome(DeploymentStatus.READY, 0, null);
    }

    public static BuildOutcome failed(int exitCode, String error) {
        return new BuildOutcome(DeploymentStatus.FAILED, exitCode, error);
    }

    public static BuildOutcome canceled(int exitCode, String reason) {
        return new BuildOutcome(DeploymentStatus.CANCELED, exitCode, reason);
    }
}
