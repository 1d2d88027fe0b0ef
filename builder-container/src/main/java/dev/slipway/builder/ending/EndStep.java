package dev.slipway.builder.ending;

import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.ConsoleLog;
import dev.slipway.builder.logstream.LogArchive;
import dev.slipway.builder.logstream.RedisLogPublisher;
import dev.slipway.builder.pipeline.BuildOutcome;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.StorageException;
import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends every build the same way (contract section 5: every exit writes the log archive and ends the
 * stream with a terminal status): says how many events Redis missed, writes the terminal status,
 * closes the log's listeners and uploads the archive. READY whose end never reached Redis exits 3
 * (Redis down for good), as does a lost archive.
 */
public final class EndStep {

    private static final Logger LOG = LoggerFactory.getLogger(EndStep.class);

    private final BuildLog log;
    private final RedisLogPublisher publisher;
    private final LogArchive archive;
    private final ConsoleLog console;
    private final @Nullable Bucket bucket;
    private final Slug project;
    private final DeploymentId id;
    private final Duration redisFinalWait;
    private final PrintStream errors;

    /**
     * @param bucket where the archive goes; {@code null} when no S3 client could be made
     * @param errors the builder's own error stream, for what the log can no longer carry
     */
    public EndStep(
            BuildLog log,
            RedisLogPublisher publisher,
            LogArchive archive,
            ConsoleLog console,
            @Nullable Bucket bucket,
            Slug project,
            DeploymentId id,
            Duration redisFinalWait,
            PrintStream errors) {
        this.log = log;
        this.publisher = publisher;
        this.archive = archive;
        this.console = console;
        this.bucket = bucket;
        this.project = project;
        this.id = id;
        this.redisFinalWait = redisFinalWait;
        this.errors = errors;
    }

    /** Ends the build with {@code outcome}; returns the process's exit status. */
    public ExitStatus end(BuildOutcome outcome, String siteUrl) {
        long missed = publisher.awaitDelivered(Duration.ofSeconds(3));
        if (missed > 0) {
            log.warn(
                    Phase.PUBLISH,
                    missed
                            + " of "
                            + (log.lastSeq())
                            + " log events could not be streamed to Redis; the complete log is archived at "
                            + StorageLayout.logArchive(project, id));
        }
        switch (outcome.status()) {
            case READY -> log.ready(siteUrl);
            case CANCELED -> log.canceled(outcome.error());
            default -> log.failed(outcome.error());
        }
        publisher.close(redisFinalWait);
        boolean streamed = publisher.terminalDelivered();
        archive.close();
        console.close();
        boolean archived = bucket != null && upload(bucket, archive, project, id, errors);
        ExitStatus code = outcome.exit();
        if (!streamed) {
            errors.println(
                    "error: the log stream in Redis did not get the "
                            + outcome.status()
                            + " status (Redis unreachable); the archive "
                            + (archived ? "has the whole log." : "could not be written either."));
            if (code == ExitStatus.READY) {
                code = ExitStatus.INFRASTRUCTURE;
            }
        }
        if (!archived && code == ExitStatus.READY) {
            code = ExitStatus.INFRASTRUCTURE;
        }
        return code;
    }

    /**
     * Uploads the closed archive to {@code logs/<project>/<id>.ndjson}.
     *
     * @return whether the whole log is in the bucket
     */
    public static boolean upload(
            Bucket bucket, LogArchive archive, Slug project, DeploymentId id, PrintStream errors) {
        try {
            bucket.putFile(
                    StorageLayout.logArchive(project, id),
                    archive.file(),
                    Files.size(archive.file()),
                    "application/x-ndjson; charset=utf-8");
            if (!archive.isComplete()) {
                errors.println(
                        "error: the log archive is incomplete: it could not be written locally in full.");
            }
            return archive.isComplete();
        } catch (StorageException | IOException e) {
            LOG.error("Cannot upload the log archive", e);
            errors.println("error: cannot upload the log archive: " + e.getMessage());
            return false;
        }
    }
}
