package dev.slipway.builder.pipeline;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.deployment.DeploymentStatus;
import org.jspecify.annotations.Nullable;

/**
 * How the build ended: its terminal status, the exit status of contract section 5 and, when it did
 * not succeed, the one sentence saying why.
 */
public record BuildOutcome(DeploymentStatus status, ExitStatus exit, @Nullable String error) {

    public static BuildOutcome ready() {
        return new BuildOutcome(DeploymentStatus.READY, ExitStatus.READY, null);
    }

    public static BuildOutcome failed(ExitStatus exit, @Nullable String error) {
        return new BuildOutcome(DeploymentStatus.FAILED, exit, error);
    }

    public static BuildOutcome canceled(ExitStatus exit, @Nullable String reason) {
        return new BuildOutcome(DeploymentStatus.CANCELED, exit, reason);
    }
}
