package dev.slipway.desktop.reconcile;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.util.List;
import java.util.Optional;

/**
 * The builds this machine started that may not have ended yet (locally, the pid files): the ones
 * {@code list} and {@code deploy} reconcile before they read the bucket, and the project of a build
 * known only by its id.
 */
public interface KnownBuilds {

    /** One build that may still be running. */
    record Known(Slug project, DeploymentId id) {}

    List<Known> known();

    Optional<Slug> projectOf(DeploymentId id);

    /** Knows no build (AWS mode, tests). */
    KnownBuilds NONE =
            new KnownBuilds() {
                @Override
                public List<Known> known() {
                    return List.of();
                }

                @Override
                public Optional<Slug> projectOf(DeploymentId id) {
                    return Optional.empty();
                }
            };
}
