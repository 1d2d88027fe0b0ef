package dev.slipway.desktop.projects;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.Slug;
import java.util.List;
import java.util.Optional;

/** Projects and their deployments in the bucket. Blocking. */
public interface ProjectService {

    /** Every project, by name. */
    List<ProjectSummary> list();

    /** A project's record (repository, settings, live deployment), if it exists. */
    Optional<ProjectRecord> project(Slug project);

    /** A project's deployments, newest first. */
    List<Manifest> deployments(Slug project);

    /**
     * Makes an earlier READY deployment of the same project live; {@code id} null means the one
     * before the live one.
     *
     * @return the deployment now live
     */
    DeploymentId rollback(Slug project, DeploymentId id);

    /** What {@link #remove} would delete, for the confirmation. */
    RemovalPlan planRemoval(Slug project);

    /** Deletes the project record, manifests, logs and cache, then every blob nothing else uses. */
    RemovalPlan remove(Slug project);

    /** Counts of what a removal deletes. */
    /** The project's newest deployment (by id), whatever its status. */
    default Optional<Manifest> latest(Slug project) {
        return deployments(project).stream()
                .max(
                        (a, b) ->
                                a.id().isNewerThan(b.id())
                                        ? 1
                                        : (b.id().isNewerThan(a.id()) ? -1 : 0));
    }

    record RemovalPlan(Slug project, int deployments, int logs, int blobs, long blobBytes) {}
}
