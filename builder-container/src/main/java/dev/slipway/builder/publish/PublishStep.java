package dev.slipway.builder.publish;

import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.project.ProjectNotifier;
import dev.slipway.builder.project.ProjectStore;
import dev.slipway.builder.storage.StorageException;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectRules;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.RepositoryCredentials;
import dev.slipway.core.project.Slug;
import dev.slipway.core.text.Counts;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes a READY deployment live: writes its manifest, then (the one PUT that switches the site) the
 * project record with compare-and-set, unless a newer deployment is live already; then tells the
 * proxies. The rules (ownership, newer wins) are core's {@link ProjectRules}, applied to the record
 * as it is at the moment of the write.
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

    /** Publishes the manifest for the context's project and repository. */
    public PublishStep(BuildContext context, Manifest manifest) {
        this(
                manifest,
                context.repositoryUrl(),
                context.config().settings(),
                context.config().force(),
                context.store(),
                context.notifier(),
                context.clock(),
                context.log());
    }

    PublishStep(
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
        Ownership.check(store.record(project), repoUrl, force);
        store.writeManifest(manifest);
        log.info(
                Phase.PUBLISH,
                "Wrote the manifest of "
                        + id
                        + " ("
                        + Counts.of(manifest.files().size(), "file")
                        + ")");
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
        return goLive(project, id);
    }

    private Published goLive(Slug project, DeploymentId id) {
        ProjectRules.Publish publish =
                new ProjectRules.Publish(project, id, repoUrl, settings, force, clock.instant());
        AtomicReference<Optional<ProjectRecord>> replaced = new AtomicReference<>();
        Optional<ProjectRecord> after;
        try {
            after =
                    store.records()
                            .update(
                                    project,
                                    current -> {
                                        replaced.set(current);
                                        return publish.apply(current);
                                    });
        } catch (ProjectRules.NotOwnerException e) {
            throw Ownership.refusal(e);
        } catch (IOException e) {
            throw new StorageException(String.valueOf(e.getMessage()), e);
        }
        Optional<DeploymentId> live = after.flatMap(ProjectRecord::live);
        if (!live.map(id::equals).orElse(false)) {
            log.info(
                    Phase.PUBLISH,
                    "Deployment "
                            + live.map(DeploymentId::value).orElse("(none)")
                            + ", started after this one, is live already: it stays live, and this one can be made live with rollback.");
            return new Published(false);
        }
        Optional<ProjectRecord> before =
                Objects.requireNonNullElse(replaced.get(), Optional.empty());
        if (before.isPresent() && !before.get().isSameRepository(repoUrl)) {
            log.warn(
                    Phase.PUBLISH,
                    "Took the project over from "
                            + RepositoryCredentials.strip(before.get().repoUrl())
                            + " (forced)");
        }
        Optional<DeploymentId> previous =
                before.flatMap(ProjectRecord::live).filter(p -> !p.equals(id));
        log.info(
                Phase.PUBLISH,
                "Deployment "
                        + id
                        + " is live"
                        + previous.map(p -> " (it replaces " + p + ")").orElse(""));
        if (!notifier.projectChanged(project)) {
            log.warn(
                    Phase.PUBLISH,
                    "Could not tell the proxies through Redis; they pick up the new deployment when their cache expires.");
        }
        return new Published(true);
    }
}
