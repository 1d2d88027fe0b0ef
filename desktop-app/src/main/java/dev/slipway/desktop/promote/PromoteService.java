package dev.slipway.desktop.promote;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectRecordUpdater;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Makes a READY deployment (a preview, or any earlier one) live: the project record's live pointer
 * is changed with compare-and-set ({@link ProjectRecordUpdater}), then {@code slipway:projects}
 * tells the proxies.
 */
public final class PromoteService implements Promotions {

    private final Supplier<Backend> backends;

    public PromoteService(Supplier<Backend> backends) {
        this.backends = backends;
    }

    /** What a promotion did: the deployment now live and the one it replaced (or null). */
    public record Promoted(DeploymentId live, DeploymentId previous) {}

    @Override
    public Promoted promote(Slug project, DeploymentId id) {
        Backend backend = backends.get();
        Manifest manifest =
                backend.bucket()
                        .manifest(project, id)
                        .orElseThrow(
                                () ->
                                        SlipwayException.badInput(
                                                "Deployment "
                                                        + id
                                                        + " is not a deployment of project '"
                                                        + project
                                                        + "'; 'slipway list "
                                                        + project
                                                        + "' shows its deployments."));
        if (!manifest.isReady()) {
            throw SlipwayException.badInput(
                    "Deployment "
                            + id
                            + " ended "
                            + manifest.status()
                            + ", so it cannot be made live; pick a READY one from 'slipway list "
                            + project
                            + "'.");
        }
        DeploymentId[] previous = new DeploymentId[1];
        try {
            new ProjectRecordUpdater(backend.bucket().conditional())
                    .update(
                            project,
                            current -> {
                                previous[0] = current.flatMap(ProjectRecord::live).orElse(null);
                                if (id.equals(previous[0])) {
                                    return ProjectRecordUpdater.Change.keep();
                                }
                                ProjectRecord record =
                                        current.orElseGet(
                                                () ->
                                                        new ProjectRecord(
                                                                project.value(),
                                                                manifest.repoUrl(),
                                                                ProjectSettings.defaults(),
                                                                null,
                                                                Instant.now()));
                                return ProjectRecordUpdater.Change.put(
                                        record.withLive(id, Instant.now()));
                            });
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    "Cannot update the record of '"
                            + project
                            + "' ("
                            + e.getMessage()
                            + "); check the storage with 'slipway doctor' and try again.",
                    e);
        }
        if (!id.equals(previous[0])) {
            backend.streams().publishProject(project.value());
        }
        return new Promoted(id, previous[0]);
    }
}
