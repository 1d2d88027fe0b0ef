package dev.slipway.desktop.reconcile;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ECS builds this machine started that may not have ended, as the launcher records them right
 * after RunTask: {@code $SLIPWAY_HOME/builds/<deploymentId>.task}, one line {@code "<project>
 * <taskArn>"} (internal to this machine, like the local builds' pid files). {@code list}, {@code
 * deploy} and the app reconcile these builds, so a task that stopped after its {@code deploy
 * --no-follow} exited is still ended; a record goes once its build has ended. Only the records of
 * the configured region and cluster are listed: another stack's tasks cannot be asked about with
 * this config's client.
 */
public final class EcsTaskRecords implements KnownBuilds, Reconciler.Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(EcsTaskRecords.class);

    /** One build's record. */
    public record TaskRecord(Slug project, DeploymentId id, String taskArn) {}

    private final Path dir;
    private final String region;
    private final String cluster;

    /**
     * @param region the configured {@code aws.region}
     * @param cluster the configured {@code aws.cluster}
     */
    public EcsTaskRecords(SlipwayHome home, String region, String cluster) {
        this(home.root().resolve("builds"), region, cluster);
    }

    private EcsTaskRecords(Path dir, String region, String cluster) {
        this.dir = dir;
        this.region = region;
        this.cluster = cluster;
    }

    /** Records nothing and knows nothing (tests that build a launcher alone). */
    public static EcsTaskRecords none() {
        return new EcsTaskRecords((Path) null, null, null);
    }

    /** The record's file of a build. */
    Path file(DeploymentId id) {
        return dir.resolve(id.value() + ".task");
    }

    /**
     * Records the task that runs a build; a record that cannot be written is said on stderr (the
     * build runs anyway, and this process's watcher still ends it if its task stops).
     */
    public void record(Slug project, DeploymentId id, String taskArn) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".task", ".tmp");
            Files.writeString(tmp, project.value() + " " + taskArn + "\n", StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    file(id),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn(
                    "Cannot record the ECS task of {} in {} ({}); 'slipway list' will not notice"
                            + " if it stops after this command.",
                    id,
                    dir,
                    e.getMessage());
        }
    }

    /** The record of a build, if this machine started it on the configured cluster. */
    public Optional<TaskRecord> read(DeploymentId id) {
        if (dir == null) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file(id), StandardCharsets.UTF_8).trim().split(" ");
            if (parts.length != 2 || !Slug.isValid(parts[0]) || !ofThisCluster(parts[1])) {
                return Optional.empty();
            }
            return Optional.of(new TaskRecord(Slug.of(parts[0]), id, parts[1]));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a task ARN names the configured region and cluster: {@code
     * arn:<partition>:ecs:<region>:<account>:task/<cluster>/<task id>}.
     */
    boolean ofThisCluster(String taskArn) {
        String[] fields = taskArn.split(":", 6);
        if (fields.length != 6 || !fields[0].equals("arn") || !fields[2].equals("ecs")) {
            return false;
        }
        String[] resource = fields[5].split("/");
        return fields[3].equals(region)
                && resource.length == 3
                && resource[0].equals("task")
                && resource[1].equals(cluster);
    }

    @Override
    public List<Known> known() {
        List<Known> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.task")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String raw = name.substring(0, name.length() - ".task".length());
                if (DeploymentId.isValid(raw)) {
                    read(DeploymentId.of(raw))
                            .ifPresent(r -> out.add(new Known(r.project(), r.id())));
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.getMessage());
        }
        return out;
    }

    @Override
    public Optional<Slug> projectOf(DeploymentId id) {
        return read(id).map(TaskRecord::project);
    }

    /** The build has ended: its record goes. */
    @Override
    public void remove(DeploymentId id) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file(id), e.getMessage());
        }
    }
}
