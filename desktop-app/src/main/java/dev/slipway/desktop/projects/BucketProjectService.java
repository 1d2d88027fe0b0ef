package dev.slipway.desktop.projects;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectRecordUpdater;
import dev.slipway.core.project.ProjectRules;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.secrets.SecretStore;
import dev.slipway.desktop.storage.BucketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Projects and deployments as the bucket holds them: list, rollback, and removal with its blobs.
 */
public final class BucketProjectService implements ProjectService {

    private final Supplier<Backend> backends;
    private final Function<Backend, SecretStore> secrets;

    /** A service that removes no secrets (a mode with no secret store, tests). */
    public BucketProjectService(Supplier<Backend> backends) {
        this(backends, backend -> null);
    }

    /**
     * @param secrets the secret store of a backend's mode (null: none), whose secrets of a project
     *     {@link #remove} deletes with it
     */
    public BucketProjectService(
            Supplier<Backend> backends, Function<Backend, SecretStore> secrets) {
        this.backends = backends;
        this.secrets = secrets;
    }

    @Override
    public List<ProjectSummary> list() {
        Backend backend = backends.get();
        reconcile(backend);
        List<ProjectSummary> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ProjectRecord record : backend.bucket().projects()) {
            Slug slug = Slug.of(record.project());
            seen.add(slug.value());
            String url = record.live().isPresent() ? backend.siteUrl(slug) : null;
            var last = backend.bucket().latestManifest(slug).map(Manifest::status).orElse(null);
            out.add(new ProjectSummary(record, url, last));
        }
        // Projects none of whose builds was READY have no record, only manifests: listed too, so
        // every deployment shows, failed or not.
        for (String prefix : backend.bucket().prefixes(StorageLayout.DEPLOYMENTS)) {
            String name = prefix.substring(StorageLayout.DEPLOYMENTS.length(), prefix.length() - 1);
            if (!Slug.isValid(name) || seen.contains(name)) {
                continue;
            }
            Slug slug = Slug.of(name);
            backend.bucket()
                    .latestManifest(slug)
                    .ifPresent(
                            m ->
                                    out.add(
                                            new ProjectSummary(
                                                    new ProjectRecord(
                                                            name, m.repoUrl(), null, null, null),
                                                    null,
                                                    m.status())));
        }
        out.sort((a, b) -> a.record().project().compareTo(b.record().project()));
        return out;
    }

    @Override
    public List<Manifest> deployments(Slug project) {
        Backend backend = backends.get();
        reconcile(backend);
        List<Manifest> manifests = backend.bucket().manifests(project);
        if (manifests.isEmpty() && backend.bucket().project(project).isEmpty()) {
            throw noSuchProject(project);
        }
        return manifests;
    }

    /**
     * Ends this machine's builds whose process died (killed with {@code --no-follow}, a crash), so
     * every deployment shows with a terminal status, and removes their leftovers.
     */
    private static void reconcile(Backend backend) {
        backend.reconciler().reconcileKnown(null);
    }

    @Override
    public Optional<Manifest> latest(Slug project) {
        return backends.get().bucket().latestManifest(project);
    }

    @Override
    public Optional<ProjectRecord> project(Slug project) {
        return backends.get().bucket().project(project);
    }

    @Override
    public DeploymentId rollback(Slug project, DeploymentId id) {
        Backend backend = backends.get();
        BucketStore bucket = backend.bucket();
        ProjectRecord record = bucket.project(project).orElseThrow(() -> noSuchProject(project));
        Manifest target;
        if (id == null) {
            List<Manifest> ready =
                    bucket.manifests(project).stream().filter(Manifest::isReady).toList();
            Optional<DeploymentId> live = record.live();
            Optional<Manifest> before =
                    live.isEmpty()
                            ? Optional.empty()
                            : ready.stream()
                                    .filter(m -> live.get().isNewerThan(m.id()))
                                    .findFirst();
            target =
                    before.orElseThrow(
                            () ->
                                    SlipwayException.badInput(
                                            "Project '"
                                                    + project
                                                    + "' has no READY deployment older than the live one to roll back to; 'slipway list "
                                                    + project
                                                    + "' shows its deployments."));
        } else {
            target =
                    bucket.manifest(project, id)
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
            if (!target.isReady()) {
                throw SlipwayException.badInput(
                        "Deployment "
                                + id
                                + " ended "
                                + target.status()
                                + ", so it cannot be made live; pick a READY one from 'slipway list "
                                + project
                                + "'.");
            }
        }
        if (!target.id().equals(record.live().orElse(null))) {
            Manifest chosen = target;
            bucket.updateProject(
                    project,
                    current -> {
                        if (current.isEmpty()) {
                            throw noSuchProject(project);
                        }
                        return ProjectRules.pointAt(current, chosen.id(), Instant.now());
                    });
            backend.streams().publishProject(project.value());
        }
        return target.id();
    }

    @Override
    public RemovalPlan planRemoval(Slug project) {
        return plan(backends.get(), project).counts();
    }

    @Override
    public RemovalPlan remove(Slug project) {
        Backend backend = backends.get();
        Removal removal = plan(backend, project);
        BucketStore bucket = backend.bucket();
        // The record first: the site stops being served at once, and a half-done removal can be run
        // again.
        bucket.updateProject(project, current -> ProjectRecordUpdater.Change.delete());
        backend.streams().publishProject(project.value());
        bucket.delete(removal.manifestKeys());
        bucket.delete(removal.logKeys());
        bucket.delete(removal.cacheKeys());
        for (DeploymentId id : removal.deploymentIds()) {
            backend.streams().delete(id);
        }
        bucket.delete(removal.blobKeys());
        // Its secrets too (SSM parameters, or the local secret file): a project deployed again
        // under the same name starts with none.
        SecretStore store = secrets.apply(backend);
        if (store != null) {
            store.removeAll(project);
        }
        return removal.counts();
    }

    private record Removal(
            RemovalPlan counts,
            List<String> manifestKeys,
            List<String> logKeys,
            List<String> cacheKeys,
            List<String> blobKeys,
            List<DeploymentId> deploymentIds) {}

    private Removal plan(Backend backend, Slug project) {
        BucketStore bucket = backend.bucket();
        boolean hasRecord = bucket.exists(StorageLayout.project(project));
        List<String> manifestKeys = keys(bucket, StorageLayout.manifestsOf(project));
        if (!hasRecord && manifestKeys.isEmpty()) {
            throw noSuchProject(project);
        }
        List<String> logKeys = keys(bucket, StorageLayout.logsOf(project));
        List<String> cacheKeys = keys(bucket, StorageLayout.cacheOf(project));
        List<Manifest> own = bucket.manifests(project);
        Set<String> candidates = new HashSet<>();
        for (Manifest m : own) {
            m.files().values().stream().map(FileEntry::sha256).forEach(candidates::add);
        }
        for (String prefix : bucket.prefixes(StorageLayout.DEPLOYMENTS)) {
            String name = prefix.substring(StorageLayout.DEPLOYMENTS.length(), prefix.length() - 1);
            if (name.equals(project.value()) || !Slug.isValid(name)) {
                continue;
            }
            for (Manifest m : bucket.manifests(Slug.of(name))) {
                m.files().values().forEach(f -> candidates.remove(f.sha256()));
            }
        }
        List<String> blobKeys = new ArrayList<>();
        long bytes = 0;
        int blobs = 0;
        if (!candidates.isEmpty()) {
            for (BucketStore.StoredObject o : bucket.list(StorageLayout.BLOBS)) {
                Optional<String> sha = StorageLayout.shaOfAnyBlobKey(o.key());
                if (sha.isPresent() && candidates.contains(sha.get())) {
                    blobKeys.add(o.key());
                    bytes += o.size();
                    if (StorageLayout.shaOfBlobKey(o.key()).isPresent()) {
                        blobs++;
                    }
                }
            }
        }
        List<DeploymentId> ids =
                manifestKeys.stream()
                        .map(StorageLayout::deploymentIdOfManifestKey)
                        .flatMap(Optional::stream)
                        .toList();
        RemovalPlan counts =
                new RemovalPlan(project, manifestKeys.size(), logKeys.size(), blobs, bytes);
        return new Removal(counts, manifestKeys, logKeys, cacheKeys, blobKeys, ids);
    }

    private static List<String> keys(BucketStore bucket, String prefix) {
        return bucket.list(prefix).stream().map(BucketStore.StoredObject::key).toList();
    }

    private static SlipwayException noSuchProject(Slug project) {
        return SlipwayException.badInput(
                "There is no project '" + project + "'; 'slipway list' shows the projects.");
    }
}
