package dev.slipway.desktop.launch;

import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.build.JobHandoff;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.desktop.stack.StackFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builder of one deployment, started before its deploy has been checked (decision 0008): its
 * JVM starts and it makes its S3 and Redis clients while the CLI reads the folder's Git status, the
 * project record and the earlier builds, which took about as long. It is started with the local
 * stack's part of the environment and the build's cookie only, and waits for the rest of its
 * variables on its standard input ({@link JobHandoff}). {@link #handOver} gives them and makes it
 * the deployment's builder; {@link #discard} ends it unused (the deploy was refused), and it exits
 * having written nothing. It also exits by itself when this program ends without either: its input
 * then ends empty.
 */
public final class BuilderAhead {

    private static final Logger LOG = LoggerFactory.getLogger(BuilderAhead.class);

    private final DeploymentId id;
    private final StackFile stack;
    private final BuilderCommand command;
    private final Process process;
    private final Path output;
    private final Instant started;

    private BuilderAhead(
            DeploymentId id,
            StackFile stack,
            BuilderCommand command,
            Process process,
            Path output,
            Instant started) {
        this.id = id;
        this.stack = stack;
        this.command = command;
        this.process = process;
        this.output = output;
        this.started = started;
    }

    /**
     * Starts the builder of {@code id} for this stack, waiting for its job.
     *
     * @throws IOException when the process cannot be started (the deploy then starts its builder
     *     the usual way, and says so if that fails too)
     */
    public static BuilderAhead start(
            SlipwayHome home,
            StackFile stack,
            BuilderCommand command,
            Map<String, String> parentEnv,
            DeploymentId id)
            throws IOException {
        Map<String, String> env = LocalLauncher.stackEnvironment(home, stack, id);
        BuildVariable.SLIPWAY_BUILDER_WAIT.putFlag(env, true);
        Path output = LocalLauncher.outputFile(home, id);
        ProcessBuilder pb = LocalLauncher.processBuilder(command, parentEnv, env, output);
        Files.createDirectories(output.getParent());
        Instant started = Instant.now();
        Process process = pb.start();
        return new BuilderAhead(id, stack, command, process, output, started);
    }

    public DeploymentId id() {
        return id;
    }

    /** The stack it was started for: a launch for another one starts its own builder. */
    public StackFile stack() {
        return stack;
    }

    public BuilderCommand command() {
        return command;
    }

    public Process process() {
        return process;
    }

    /** How long ago it was started. */
    public Duration age() {
        return Duration.between(started, Instant.now());
    }

    /**
     * Gives it its job (the whole environment of the build), after which it is the deployment's
     * builder; false when it has exited already or its input cannot be written (then it is stopped,
     * and the caller starts a builder of its own).
     */
    public boolean handOver(Map<String, String> job) {
        if (!process.isAlive()) {
            discard();
            return false;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(JobHandoff.write(job).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("Could not hand build {} to the builder started ahead", id, e);
            discard();
            return false;
        }
        command.started(process.pid());
        return true;
    }

    /**
     * Ends it unused: its input ends empty, so it exits without writing anything; its output file
     * and class list go.
     */
    public void discard() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("Closing the input of an unused builder failed", e);
        }
        process.destroy();
        command.discarded();
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}", output, e);
        }
    }
}
