package dev.slipway.desktop.reconcile;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.project.Slug;

/**
 * Whether the process or task that runs a build is still there: the question the reconciler asks
 * about a deployment whose log stream has no terminal status. The local launcher answers from its
 * pid file and {@link ProcessHandle}; the ECS launcher from {@code DescribeTasks} (a STOPPED task,
 * with ECS's stop reason).
 */
public interface BuildLiveness {

    /** What is known about the runner of one build. */
    sealed interface State permits Running, Gone, Unknown {}

    /** The process or task is running: the build may still finish by itself. */
    record Running(String runsAs) implements State {}

    /**
     * The process or task is gone without a terminal event.
     *
     * @param reason one sentence for the FAILED event and manifest ("the builder process 4242 ended
     *     without finishing", ECS's stop reason, or where its CloudWatch log is)
     * @param ending FAILED, or CANCELED when the user stopped it
     */
    record Gone(String reason, DeploymentStatus ending) implements State {
        public Gone {
            if (ending != DeploymentStatus.FAILED && ending != DeploymentStatus.CANCELED) {
                throw new IllegalArgumentException("A gone build ends FAILED or CANCELED");
            }
        }

        /** Gone without finishing: the build ends FAILED. */
        public Gone(String reason) {
            this(reason, DeploymentStatus.FAILED);
        }
    }

    /** This liveness source knows nothing of the build (another mode, or another machine). */
    record Unknown() implements State {}

    State state(Slug project, DeploymentId id);
}
