package dev.slipway.desktop.reconcile;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.ConditionalStore;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends builds whose runner is gone without a terminal event, once and idempotently, however many
 * reconcilers run at the same time: the terminal event is appended only if the stream does not end
 * with one ({@link LogStreams#appendTerminalIfNone}, one Redis script), the manifest and the log
 * archive are created only if absent ({@code If-None-Match: *}) and agree with the stream's
 * terminal event, whoever wrote it; then the runner's leftovers are removed. Any command or view
 * that meets an unfinished build calls it; a build whose runner is still there, or unknown to every
 * liveness source, is left alone.
 *
 * <p>A runner that died after writing a READY manifest but before its terminal event either made
 * the deployment live (or a newer one was live already), and it ends READY; or it died between the
 * manifest and the record, and the manifest is turned FAILED ({@code If-Match}), so a READY
 * deployment is always one its build finished publishing.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** What reconciling one build did. */
    public enum Result {
        /** The build had ended, and its manifest and archive exist. */
        ENDED,
        /** The build's runner is still there (or nobody knows it): nothing was changed. */
        RUNNING,
        /** The build's runner was gone: this call ended it (FAILED or CANCELED). */
        FAILED_NOW
    }

    /** Removes what a dead runner left: its processes, work folder, pid file. */
    public interface Leftovers {
        void remove(DeploymentId id);

        Leftovers NONE = id -> {};
    }

    private final BucketStore bucket;
    private final LogStreams streams;
    private final List<BuildLiveness> liveness;
    private final Leftovers leftovers;
    private final KnownBuilds known;
    private final Clock clock;
    private final Map<DeploymentId, Slug> launched = new java.util.concurrent.ConcurrentHashMap<>();

    public Reconciler(
            BucketStore bucket,
            LogStreams streams,
            List<BuildLiveness> liveness,
            Leftovers leftovers,
            Clock clock) {
        this(bucket, streams, liveness, leftovers, KnownBuilds.NONE, clock);
    }

    /**
     * @param known the builds this machine started (the local pid files): reconciled by {@link
     *     #reconcileKnown}, and the project of a build known only by its id
     */
    public Reconciler(
            BucketStore bucket,
            LogStreams streams,
            List<BuildLiveness> liveness,
            Leftovers leftovers,
            KnownBuilds known,
            Clock clock) {
        this.bucket = bucket;
        this.streams = streams;
        this.liveness = List.copyOf(liveness);
        this.leftovers = leftovers;
        this.known = known;
        this.clock = clock;
    }

    /**
     * Reconciles every build this machine started that may not have ended ({@code project} null: of
     * every project), so a build killed with {@code --no-follow} shows with a terminal status. A
     * build that cannot be reconciled now (Redis or the bucket away) is left for the next call,
     * said once on stderr.
     *
     * @return how many builds this call ended
     */
    public int reconcileKnown(Slug project) {
        int ended = 0;
        for (KnownBuilds.Known build : known.known()) {
            if (project != null && !project.equals(build.project())) {
                continue;
            }
            try {
                if (reconcile(build.project(), build.id()) == Result.FAILED_NOW) {
                    ended++;
                }
            } catch (SlipwayException e) {
                LOG.warn("Could not check build {}", build.id(), e);
                return ended;
            }
        }
        return ended;
    }

    /** A reconciler that knows no runner: it never ends a build. */
    public static Reconciler none(BucketStore bucket, LogStreams streams) {
        return new Reconciler(bucket, streams, List.of(), Leftovers.NONE, Clock.systemUTC());
    }

    /**
     * Remembers the project of a build this process launched, so {@link #reconcile(DeploymentId)}
     * can end it before it has a manifest (an ECS task has no pid file).
     */
    public void launched(Slug project, DeploymentId id) {
        launched.put(id, project);
    }

    /**
     * Reconciles a build known only by its id: its project comes from the pid file or its manifest;
     * a build whose project is nowhere to be found is left alone ({@link Result#RUNNING}).
     */
    public Result reconcile(DeploymentId id) {
        Optional<Slug> project =
                Optional.ofNullable(launched.get(id))
                        .or(() -> known.projectOf(id))
                        .or(() -> bucket.projectOfManifest(id));
        return project.map(p -> reconcile(p, id)).orElse(Result.RUNNING);
    }

    /** Brings one build to its end if its runner is gone; safe to call any number of times. */
    public Result reconcile(Slug project, DeploymentId id) {
        Optional<LogEvent> terminal = terminal(id);
        boolean hasManifest = bucket.exists(StorageLayout.manifest(project, id));
        if (terminal.isPresent() && hasManifest) {
            tidy(project, id);
            return Result.ENDED;
        }
        BuildLiveness.State state = state(project, id);
        if (state instanceof BuildLiveness.Running) {
            return Result.RUNNING;
        }
        if (terminal.isPresent()) {
            // The stream ended (a launcher's FAILED or CANCELED, or the builder could not write
            // its manifest): the manifest and archive follow the stream.
            finish(project, id, terminal.get());
            tidy(project, id);
            return Result.ENDED;
        }
        if (state instanceof BuildLiveness.Gone gone) {
            return end(project, id, gone);
        }
        return Result.RUNNING;
    }

    /**
     * Ends a build whose runner is known to be gone (its launcher saw it exit, or a cancel killed
     * it): terminal event if the stream has none, manifest and archive if absent, leftovers
     * removed.
     *
     * @return {@link Result#FAILED_NOW} when this call wrote the terminal event
     */
    public Result end(Slug project, DeploymentId id, BuildLiveness.Gone gone) {
        Optional<LogEvent> ended = terminal(id);
        if (ended.isPresent()) {
            // The build ended its stream itself (the usual exit): only what it could not write.
            finish(project, id, ended.get());
            leftovers.remove(id);
            return Result.ENDED;
        }
        Optional<Manifest> manifest = settledManifest(project, id);
        LogEvent ending =
                manifest.map(this::endingOf)
                        .orElseGet(
                                () ->
                                        gone.ending() == DeploymentStatus.CANCELED
                                                ? LogEvent.canceled(
                                                        LogProtocol.LAUNCHER_SEQ,
                                                        clock.instant(),
                                                        gone.reason())
                                                : LogEvent.failed(
                                                        LogProtocol.LAUNCHER_SEQ,
                                                        clock.instant(),
                                                        gone.reason()));
        boolean wrote = streams.appendTerminalIfNone(id, ending);
        LogEvent end = terminal(id).orElse(ending);
        finish(project, id, end);
        leftovers.remove(id);
        return wrote ? Result.FAILED_NOW : Result.ENDED;
    }

    /** The stream's first terminal event, if the stream exists and has one. */
    private Optional<LogEvent> terminal(DeploymentId id) {
        return streams.terminal(id);
    }

    private LogEvent endingOf(Manifest m) {
        if (m.status() == DeploymentStatus.READY) {
            return LogEvent.ready(LogProtocol.LAUNCHER_SEQ, clock.instant(), null);
        }
        String error = m.error() == null ? "The build ended without a terminal event." : m.error();
        return m.status() == DeploymentStatus.CANCELED
                ? LogEvent.canceled(LogProtocol.LAUNCHER_SEQ, clock.instant(), error)
                : LogEvent.failed(LogProtocol.LAUNCHER_SEQ, clock.instant(), error);
    }

    /**
     * The manifest a dead runner left, if any; a READY one whose publish did not finish (the record
     * points at neither it nor a newer deployment) is turned FAILED first.
     */
    private Optional<Manifest> settledManifest(Slug project, DeploymentId id) {
        String key = StorageLayout.manifest(project, id);
        ConditionalStore store = bucket.conditional();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<ConditionalStore.Versioned> read = read(store, key);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            Manifest m =
                    Json.documents()
                            .fromJson(
                                    new String(read.get().bytes(), StandardCharsets.UTF_8),
                                    Manifest.class);
            if (m.status() != DeploymentStatus.READY
                    || m.isPreview()
                    || published(project, id, m)) {
                return Optional.of(m);
            }
            Manifest failed =
                    new Manifest(
                            m.project(),
                            m.deploymentId(),
                            DeploymentStatus.FAILED,
                            m.repoUrl(),
                            m.ref(),
                            m.commit(),
                            m.commitMessage(),
                            m.createdAt(),
                            clock.instant(),
                            m.framework(),
                            m.spa(),
                            "The builder stopped after writing the manifest but before making the deployment live; deploy again.",
                            Map.of());
            if (write(store, key, Json.documents().toJson(failed), read.get().etag())) {
                return Optional.of(failed);
            }
        }
        return bucket.manifest(project, id);
    }

    /**
     * Whether the builder's publish happened: the record points at {@code id} or at a newer
     * deployment, or it was written after the manifest (a rollback or another publish since, which
     * this build's publish may have preceded).
     */
    private boolean published(Slug project, DeploymentId id, Manifest m) {
        Optional<ProjectRecord> record = bucket.project(project);
        Optional<DeploymentId> live = record.flatMap(ProjectRecord::live);
        if (live.isPresent() && (live.get().equals(id) || live.get().isNewerThan(id))) {
            return true;
        }
        return record.isPresent()
                && record.get().updatedAt() != null
                && m.finishedAt() != null
                && record.get().updatedAt().isAfter(m.finishedAt());
    }

    /** An ended build's leftovers go once its runner is no longer there. */
    private void tidy(Slug project, DeploymentId id) {
        if (!(state(project, id) instanceof BuildLiveness.Running)) {
            leftovers.remove(id);
        }
    }

    /** The first source that knows the runner decides; none: unknown. */
    private BuildLiveness.State state(Slug project, DeploymentId id) {
        for (BuildLiveness source : liveness) {
            BuildLiveness.State state = source.state(project, id);
            if (!(state instanceof BuildLiveness.Unknown)) {
                return state;
            }
        }
        return new BuildLiveness.Unknown();
    }

    /**
     * The archive and manifest a builder that died could not write, agreeing with the stream's
     * terminal event; each created only if absent.
     */
    private void finish(Slug project, DeploymentId id, LogEvent end) {
        StringBuilder archive = new StringBuilder();
        if (streams.exists(id)) {
            for (LogStreams.Entry e : streams.all(id)) {
                archive.append(Json.events().toJson(e.event())).append('\n');
            }
        }
        bucket.createIfAbsent(
                StorageLayout.logArchive(project, id),
                archive.toString(),
                "application/x-ndjson; charset=utf-8");
        DeploymentStatus status = end.status() == null ? DeploymentStatus.FAILED : end.status();
        Manifest manifest =
                new Manifest(
                        project.value(),
                        id.value(),
                        status == DeploymentStatus.READY ? DeploymentStatus.FAILED : status,
                        null,
                        null,
                        null,
                        null,
                        id.createdAt(),
                        clock.instant(),
                        null,
                        null,
                        end.error() == null ? "The build ended without a manifest." : end.error(),
                        Map.of());
        bucket.createIfAbsent(
                StorageLayout.manifest(project, id),
                Json.documents().toJson(manifest),
                "application/json; charset=utf-8");
    }

    private static Optional<ConditionalStore.Versioned> read(ConditionalStore store, String key) {
        try {
            return store.read(key);
        } catch (IOException e) {
            throw SlipwayException.infrastructure("Cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    private static boolean write(ConditionalStore store, String key, String json, String etag) {
        try {
            return store.write(key, json.getBytes(StandardCharsets.UTF_8), etag);
        } catch (IOException e) {
            throw SlipwayException.infrastructure("Cannot write " + key + ": " + e.getMessage(), e);
        }
    }
}
