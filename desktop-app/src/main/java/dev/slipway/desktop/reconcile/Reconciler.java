package dev.slipway.desktop.reconcile;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.storage.BucketStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends builds whose runner is gone without a terminal event, once and idempotently: a FAILED event
 * with the reason, a FAILED manifest and the log archive from the stream (each created only if
 * absent, so the builder's own never gets replaced), then the runner's leftovers removed. Any
 * command or view that meets an unfinished build calls it; a build whose runner is still there, or
 * unknown to every liveness source, is left alone.
 */
public final class Reconciler {

    /** What reconciling one build did. */
    public enum Result {
        /** The build had ended, and its manifest and archive exist. */
        ENDED,
        /** The build's runner is still there (or nobody knows it): nothing was changed. */
        RUNNING,
        /** The build's runner was gone: it is now FAILED, with manifest and archive. */
        FAILED_NOW
    }

    private final BucketStore bucket;
    private final LogStreams streams;
    private final List<BuildLiveness> liveness;
    private final Leftovers leftovers;
    private final Clock clock;

    /** Removes what a dead runner left: its process group, work folder, pid file. */
    public interface Leftovers {
        void remove(DeploymentId id);

        Leftovers NONE = id -> {};
    }

    public Reconciler(
            BucketStore bucket,
            LogStreams streams,
            List<BuildLiveness> liveness,
            Leftovers leftovers,
            Clock clock) {
        this.bucket = bucket;
        this.streams = streams;
        this.liveness = List.copyOf(liveness);
        this.leftovers = leftovers;
        this.clock = clock;
    }

    /** Brings one build to its end if its runner is gone; safe to call any number of times. */
    public Result reconcile(Slug project, DeploymentId id) {
        boolean streamed = streams.exists(id);
        Optional<LogEvent> terminal =
                streamed
                        ? streams.all(id).stream()
                                .map(LogStreams.Entry::event)
                                .filter(LogEvent::isTerminal)
                                .findFirst()
                        : Optional.empty();
        boolean hasManifest = bucket.exists(StorageLayout.manifest(project, id));
        if (terminal.isEmpty()) {
            if (hasManifest) {
                tidy(project, id);
                return Result.ENDED;
            }
            Optional<String> gone = gone(project, id);
            if (gone.isEmpty()) {
                return Result.RUNNING;
            }
            LogEvent failed =
                    LogEvent.failed(LogProtocol.LAUNCHER_SEQ, clock.instant(), gone.get());
            if (streamed) {
                streams.append(id, failed);
            }
            finish(project, id, DeploymentStatus.FAILED, gone.get());
            leftovers.remove(id);
            return Result.FAILED_NOW;
        }
        if (!hasManifest) {
            LogEvent end = terminal.get();
            DeploymentStatus status = end.status() == null ? DeploymentStatus.FAILED : end.status();
            finish(project, id, status, end.error());
        }
        tidy(project, id);
        return Result.ENDED;
    }

    /** An ended build's leftovers go once its runner is no longer there. */
    private void tidy(Slug project, DeploymentId id) {
        boolean running =
                liveness.stream()
                        .anyMatch(l -> l.state(project, id) instanceof BuildLiveness.Running);
        if (!running) {
            leftovers.remove(id);
        }
    }

    private Optional<String> gone(Slug project, DeploymentId id) {
        for (BuildLiveness source : liveness) {
            BuildLiveness.State state = source.state(project, id);
            if (state instanceof BuildLiveness.Gone g) {
                return Optional.of(g.reason());
            }
            if (state instanceof BuildLiveness.Running) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The manifest and archive a builder that died could not write; created only if absent. */
    private void finish(Slug project, DeploymentId id, DeploymentStatus status, String error) {
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
                        error == null ? "The build ended without a manifest." : error,
                        Map.of());
        bucket.createIfAbsent(
                StorageLayout.manifest(project, id),
                Json.documents().toJson(manifest),
                "application/json; charset=utf-8");
    }
}
