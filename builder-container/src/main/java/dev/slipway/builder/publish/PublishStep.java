package dev.slipway.builder.publish;

import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes a READY deployment live: writes its manifest, then (the one PUT that switches the site) the
 * project record, unless a newer deployment is live already; then tells the proxies.
 */
public final class PublishStep {

    private final Manifest manifest;
    private final String repoUrl;
    private final ProjectSettings settings;
    private final boolean force;
    private final ProjectStore store;
    private final ProjectNotifier notifier;
    private final Clock clock;
    private final BuildLog log;

    public PublishStep(
            Manifest manifest,
            String repoUrl,
            ProjectSettings settings,
            boolean force,
            ProjectStore store,
            ProjectNotifier notifier,
            Clock clock,
            BuildLog log) {
        this.manifest = manifest;
        this.repoUrl = repoUrl;
        this.settings = settings;
        this.force = force;
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.log = log;
    }

    public Published call() {
        Slug project = Slug.of(manifest.project());
        DeploymentId id = manifest.id();
        Optional<ProjectRecord> record = store.record(project);
        Ownership.check(record, repoUrl, force);
        store.writeManifest(manifest);
        log.info(
                Phase.PUBLISH,
                "Wrote the manifest of " + id + " (" + manifest.files().size() + " files)");
        if (manifest.isPreview()) {
            // A preview (PREVIEW=true) is published and served at its deployment URL; the live
            // pointer is left alone until 'slipway promote'.
            log.info(
                    Phase.PUBLISH,
                    "Preview "
                            + id
                            + " is published; the live deployment is unchanged (make it live with: slipway promote "
                            + project
                            + " "
                            + id
                            + ")");
            return new Published(false);
        }
        Optional<DeploymentId> live = record.flatMap(ProjectRecord::live);
        if (live.isPresent() && live.get().isNewerThan(id)) {
            log.info(
                    Phase.PUBLISH,
                    "Deployment "
                            + live.get()
                            + ", started after this one, is live already: it stays live, and this one can be made live with rollback.");
            return new Published(false);
        }
        if (record.isPresent() && !record.get().isSameRepository(repoUrl)) {
            log.warn(
                    Phase.PUBLISH,
                    "Taking the project over from " + record.get().repoUrl() + " (forced)");
        }
        store.writeRecord(
                new ProjectRecord(project.value(), repoUrl, settings, id.value(), clock.instant()));
        log.info(
                Phase.PUBLISH,
                "Deployment "
                        + id
                        + " is live"
                        + live.map(previous -> " (it replaces " + previous + ")").orElse(""));
        if (!notifier.projectChanged(project)) {
            log.warn(
                    Phase.PUBLISH,
                    "Could not tell the proxies through Redis; they pick up the new deployment when their cache expires.");
        }
        return new Published(true);
    }
}
