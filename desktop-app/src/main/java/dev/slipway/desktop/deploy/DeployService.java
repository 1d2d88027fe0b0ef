package dev.slipway.desktop.deploy;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.storage.UploadProgress;
import java.time.Duration;
import java.util.Optional;

/**
 * Starts and stops deployments through the configured launcher (local child process or ECS
 * RunTask). Blocking; the app calls it through its task runner.
 */
public interface DeployService {

    /**
     * Validates the request (slug, URL, ownership), refuses it when an identical deploy started
     * within {@link #REPEAT_WINDOW} and is still running (unless {@link DeployRequest#repeat()}),
     * ends the project's builds whose runner is gone, writes QUEUED/STARTING and launches the
     * build.
     *
     * @throws dev.slipway.desktop.SlipwayException with a sentence saying what to fix
     */
    DeploymentHandle deploy(DeployRequest request);

    /**
     * {@link #deploy(DeployRequest)}, telling {@code progress} how far the upload of a folder's
     * working tree has come (AWS mode uploads it before the launch; local mode reads it in place).
     */
    default DeploymentHandle deploy(DeployRequest request, UploadProgress progress) {
        return deploy(request);
    }

    /** How long a deploy counts as "just started" for {@link #recentDuplicate}. */
    Duration REPEAT_WINDOW = Duration.ofSeconds(10);

    /**
     * A deploy of the same project, repository, ref and settings that started within {@link
     * #REPEAT_WINDOW} and has not ended, if any (Enter pressed twice): the app asks before it sends
     * {@link DeployRequest#repeated()}. Blocking.
     *
     * @throws dev.slipway.desktop.SlipwayException when the request itself is invalid
     */
    default Optional<RecentDeploy> recentDuplicate(DeployRequest request) {
        return Optional.empty();
    }

    /** An identical deploy that started {@code age} ago. */
    record RecentDeploy(Slug project, DeploymentId id, Duration age) {}

    /** Stops a running build (ECS StopTask, or kills the local process tree). */
    void cancel(DeploymentId id);
}
