package dev.slipway.desktop.reconcile;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.process.BuildProcesses;
import dev.slipway.core.project.Slug;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local builds this machine started, as their pid files {@code $SLIPWAY_HOME/builds/<id>.pid}
 * ({@code "<pid> <start instant> <project>"}) record them: the answer to "is this build's process
 * still there?" and the list of builds that may not have a manifest yet. A pid file lives from
 * launch until the build is seen to end.
 */
public final class LocalBuilds implements BuildLiveness, Reconciler.Leftovers, KnownBuilds {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBuilds.class);

    private record PidFile(long pid, String started, Optional<Slug> project) {}

    private final SlipwayHome home;
    private final Path tempDir;

    /**
     * @param tempDir where builders make their work folders ({@code slipway-build-<id>-…})
     */
    public LocalBuilds(SlipwayHome home, Path tempDir) {
        this.home = home;
        this.tempDir = tempDir;
    }

    public static Path pidFile(SlipwayHome home, DeploymentId id) {
        return home.root().resolve("builds").resolve(id.value() + ".pid");
    }

    /** Written by {@code cancel} before it stops the builder: the build then ends CANCELED. */
    public static Path cancelMarker(SlipwayHome home, DeploymentId id) {
        return home.root().resolve("builds").resolve(id.value() + ".canceled");
    }

    /** The project the pid file of a build names. */
    @Override
    public Optional<Slug> projectOf(DeploymentId id) {
        return read(id).flatMap(PidFile::project);
    }

    /** The pid file's line for a process just started. */
    public static String pidLine(ProcessHandle process, Slug project) {
        return process.pid()
                + " "
                + process.info().startInstant().map(Instant::toString).orElse("-")
                + " "
                + project.value();
    }

    /** Every build with a pid file, whatever its state. */
    @Override
    public List<Known> known() {
        List<Known> out = new ArrayList<>();
        Path dir = home.root().resolve("builds");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String raw = name.substring(0, name.length() - ".pid".length());
                if (!DeploymentId.isValid(raw)) {
                    continue;
                }
                DeploymentId id = DeploymentId.of(raw);
                read(id).flatMap(PidFile::project).ifPresent(p -> out.add(new Known(p, id)));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    @Override
    public State state(Slug project, DeploymentId id) {
        Optional<PidFile> file = read(id);
        if (file.isEmpty()) {
            return new Unknown();
        }
        PidFile pid = file.get();
        if (alive(pid).isPresent()) {
            return new Running("process " + pid.pid());
        }
        if (Files.exists(cancelMarker(home, id))) {
            return new Gone("Canceled by the user.", DeploymentStatus.CANCELED);
        }
        return new Gone(
                "The builder process "
                        + pid.pid()
                        + " ended without finishing the build (killed, or its machine restarted).");
    }

    /**
     * Kills what is left of the build's processes: its process group (the builder runs in its own
     * session, so its group id is its pid) and every process carrying the build's cookie ({@code
     * SLIPWAY_BUILD_COOKIE=<id>}, so daemons that left the group too); removes its work folders,
     * its pid file and its cancel marker.
     */
    @Override
    public void remove(DeploymentId id) {
        Optional<PidFile> file = read(id);
        if (file.isPresent() && alive(file.get()).isPresent()) {
            return;
        }
        file.ifPresent(pid -> killGroup(pid.pid()));
        new BuildProcesses(id.value()).killAll();
        try (Stream<Path> dirs = Files.list(tempDir)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("slipway-build-" + id + "-"))
                    .forEach(LocalBuilds::deleteTree);
        } catch (IOException e) {
            LOG.warn("Cannot list {}", tempDir, e);
        }
        try {
            Files.deleteIfExists(pidFile(home, id));
            Files.deleteIfExists(cancelMarker(home, id));
        } catch (IOException e) {
            LOG.warn("Cannot delete the pid file of {}", id, e);
        }
    }

    private static void killGroup(long pgid) {
        // The leader is gone; its group may still hold children (setsid grandchildren start their
        // own session and are found by their cookie instead).
        ProcessHandle.allProcesses()
                .filter(p -> p.isAlive() && processGroup(p.pid()) == pgid)
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static long processGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private Optional<ProcessHandle> alive(PidFile pid) {
        return ProcessHandle.of(pid.pid())
                .filter(ProcessHandle::isAlive)
                .filter(
                        p ->
                                pid.started().equals("-")
                                        || p.info()
                                                .startInstant()
                                                .map(Instant::toString)
                                                .map(pid.started()::equals)
                                                .orElse(true));
    }

    private Optional<PidFile> read(DeploymentId id) {
        try {
            String[] parts =
                    Files.readString(pidFile(home, id), StandardCharsets.UTF_8).trim().split(" ");
            long pid = Long.parseLong(parts[0]);
            String started = parts.length > 1 ? parts[1] : "-";
            Optional<Slug> project =
                    parts.length > 2 && Slug.isValid(parts[2])
                            ? Optional.of(Slug.of(parts[2]))
                            : Optional.empty();
            return Optional.of(new PidFile(pid, started, project));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    LOG.debug("Cannot delete {}", p, e);
                                }
                            });
        } catch (IOException e) {
            LOG.warn("Cannot delete {}", dir, e);
        }
    }
}
