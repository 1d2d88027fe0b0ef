package dev.slipway.desktop.launch;

import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.LogProtocol;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.process.BuildProcesses;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.logstream.LogStreams;
import dev.slipway.desktop.reconcile.BuildLiveness;
import dev.slipway.desktop.reconcile.LocalBuilds;
import dev.slipway.desktop.reconcile.Reconciler;
import dev.slipway.desktop.stack.StackFile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the builder as a child process of this machine with the contract's environment, pointed at
 * the local stack. The process runs in its own session, so Ctrl-C on {@code deploy} stops
 * following, not the build; {@code $SLIPWAY_HOME/builds/<id>.pid} lets another process cancel it.
 */
public final class LocalLauncher implements Launcher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalLauncher.class);

    private static final long CANCEL_GRACE_SECONDS = 10;

    private final SlipwayHome home;
    private final StackFile stack;
    private final LogStreams streams;
    private final Supplier<BuilderCommand> builder;
    private final Map<String, String> parentEnv;
    private final LocalBuilds builds;
    private final Reconciler reconciler;
    private final Function<DeploymentId, Optional<BuilderAhead>> ahead;

    /** Set when the program closes its clients: a builder that exits later is left to reconcile. */
    private volatile boolean closed;

    /**
     * @param builds the pid files of the builds started here
     * @param reconciler ends a build whose builder exited without ending it, and clears up after a
     *     cancel
     */
    public LocalLauncher(
            SlipwayHome home,
            StackFile stack,
            LogStreams streams,
            Supplier<BuilderCommand> builder,
            Map<String, String> parentEnv,
            LocalBuilds builds,
            Reconciler reconciler) {
        this(home, stack, streams, builder, parentEnv, builds, reconciler, id -> Optional.empty());
    }

    /**
     * @param ahead takes the builder started ahead for a deployment, if one was ({@link
     *     BuilderAhead}); a launch without one starts its builder here
     */
    public LocalLauncher(
            SlipwayHome home,
            StackFile stack,
            LogStreams streams,
            Supplier<BuilderCommand> builder,
            Map<String, String> parentEnv,
            LocalBuilds builds,
            Reconciler reconciler,
            Function<DeploymentId, Optional<BuilderAhead>> ahead) {
        this.home = home;
        this.stack = stack;
        this.streams = streams;
        this.builder = builder;
        this.parentEnv = parentEnv;
        this.builds = builds;
        this.reconciler = reconciler;
        this.ahead = ahead;
    }

    /** The environment of the child: the contract's variables plus where the local stack is. */
    Map<String, String> environment(LaunchSpec spec) {
        Map<String, String> env = new java.util.LinkedHashMap<>(BuildEnvironment.of(spec));
        env.putAll(stackEnvironment(home, stack, spec.id()));
        BuildVariable.GIT_TOKEN.put(env, spec.gitToken());
        return env;
    }

    /**
     * The part of a build's environment that does not depend on what is built: where the local
     * stack is, its keys, the toolchains folder, and the build's cookie.
     */
    static Map<String, String> stackEnvironment(
            SlipwayHome home, StackFile stack, DeploymentId id) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        BuildVariable.ALLOW_LOCAL_REPOSITORY.putFlag(env, true);
        BuildVariable.S3_BUCKET.put(env, stack.bucket());
        BuildVariable.S3_ENDPOINT.put(env, stack.s3Endpoint());
        BuildVariable.REDIS_URL.put(env, stack.redisUrl());
        env.put("AWS_REGION", stack.region());
        env.put("AWS_ACCESS_KEY_ID", stack.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", stack.secretKey());
        // Node versions the builds ask for and this machine lacks are kept here between builds.
        BuildVariable.SLIPWAY_TOOLCHAINS.put(env, home.root().resolve("toolchains").toString());
        // Every process of the build inherits it, so the ones that leave the process group
        // (setsid, double forks) are found again when the build is canceled or its builder dies.
        env.put(BuildProcesses.COOKIE, id.value());
        return env;
    }

    /**
     * The builder's process, in a session of its own, with {@code parentEnv} (PATH, tools) but none
     * of its AWS or Git credentials, {@code env} on top, its output (both streams) to {@code
     * output}.
     */
    static ProcessBuilder processBuilder(
            BuilderCommand command,
            Map<String, String> parentEnv,
            Map<String, String> env,
            Path output) {
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(command.command());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> childEnv = pb.environment();
        if (!childEnv.equals(parentEnv)) {
            childEnv.clear();
            childEnv.putAll(parentEnv);
        }
        childEnv.keySet()
                .removeIf(
                        k ->
                                k.startsWith("AWS_")
                                        || k.equals(BuildVariable.GIT_TOKEN.name())
                                        || k.startsWith("SLIPWAY_"));
        childEnv.putAll(env);
        pb.redirectOutput(output.toFile());
        return pb;
    }

    @Override
    public LaunchedBuild launch(LaunchSpec spec) {
        DeploymentId id = spec.id();
        streams.append(
                id,
                LogEvent.status(LogProtocol.LAUNCHER_SEQ, Instant.now(), DeploymentStatus.QUEUED));
        Path output = outputFile(id);
        Map<String, String> env = environment(spec);
        BuilderAhead ready = ahead.apply(id).orElse(null);
        if (ready != null && (!ready.stack().equals(stack) || !ready.process().isAlive())) {
            ready.discard();
            ready = null;
        }
        Process process = null;
        boolean startingSent = false;
        try {
            Files.createDirectories(pidFile(id).getParent());
            if (ready != null) {
                // Its pid file, its line and STARTING go first: once it has its job it writes
                // the build's own events at once, and a cancel must find it.
                writePidFile(spec, ready.process());
                appendLaunchLine(
                        id,
                        "Handed the build to the builder ("
                                + ready.command().description()
                                + ") started "
                                + ready.age().toMillis()
                                + " ms before, as process "
                                + ready.process().pid());
                appendStarting(id);
                startingSent = true;
                if (ready.handOver(env)) {
                    process = ready.process();
                }
            }
            if (process == null) {
                // None started ahead, or it exited before it got its job.
                BuilderCommand command = builder.get();
                Files.createDirectories(output.getParent());
                process = processBuilder(command, parentEnv, env, output).start();
                command.started(process.pid());
                process.getOutputStream().close();
                writePidFile(spec, process);
                appendLaunchLine(
                        id,
                        "Started the builder ("
                                + command.description()
                                + ") as process "
                                + process.pid());
                if (!startingSent) {
                    appendStarting(id);
                }
            }
        } catch (IOException e) {
            String message =
                    "The builder could not be started ("
                            + e.getMessage()
                            + "); check that Java runs and "
                            + home.root()
                            + " is writable.";
            streams.append(id, LogEvent.failed(LogProtocol.LAUNCHER_SEQ, Instant.now(), message));
            throw SlipwayException.infrastructure(message, e);
        }
        var ending =
                process.onExit()
                        .thenAccept(
                                p -> {
                                    if (closed) {
                                        // The CLI followed the build to its end and closed
                                        // Redis and S3; a build that did not end itself is
                                        // finished by the next 'slipway list' or the app.
                                        LOG.debug("Build {} exited after the launcher closed", id);
                                    } else {
                                        finished(spec.project(), id, p.exitValue(), output);
                                    }
                                })
                        .whenComplete(
                                (done, failure) -> {
                                    if (failure != null) {
                                        LOG.warn(
                                                "Could not end build {} after its process exited"
                                                        + " ('slipway list' finishes it later)",
                                                id,
                                                failure);
                                    }
                                });
        return new LaunchedBuild(id, "process " + process.pid());
    }

    private void writePidFile(LaunchSpec spec, Process process) throws IOException {
        Files.writeString(
                pidFile(spec.id()),
                LocalBuilds.pidLine(process.toHandle(), spec.project()),
                StandardCharsets.UTF_8);
    }

    private void appendLaunchLine(DeploymentId id, String text) {
        streams.append(
                id,
                LogEvent.line(
                        LogProtocol.LAUNCHER_SEQ,
                        Instant.now(),
                        Phase.LAUNCH,
                        OutputStream.SYSTEM,
                        text));
    }

    private void appendStarting(DeploymentId id) {
        streams.append(
                id,
                LogEvent.status(
                        LogProtocol.LAUNCHER_SEQ, Instant.now(), DeploymentStatus.STARTING));
    }

    /**
     * After the child exits: a build that did not end its stream ends FAILED (or CANCELED when it
     * was canceled), with manifest and archive, through the reconciler; its leftovers go.
     */
    private void finished(Slug project, DeploymentId id, int exit, Path output) {
        BuildLiveness.Gone gone =
                Files.exists(LocalBuilds.cancelMarker(home, id))
                        ? new BuildLiveness.Gone("Canceled by the user.", DeploymentStatus.CANCELED)
                        : new BuildLiveness.Gone(
                                "The builder exited with code "
                                        + exit
                                        + " without finishing the build; its output is in "
                                        + output
                                        + ".");
        try {
            reconciler.end(project, id, gone);
        } catch (SlipwayException e) {
            LOG.warn(
                    "Could not record the end of build {} ('slipway list' finishes it later)",
                    id,
                    e);
        }
    }

    /**
     * Stops ending builds from here: called before the clients it uses are closed, so a builder
     * that exits afterwards is not ended through a closed Redis client (its end is then the
     * builder's own, or the reconciler's on the next listing).
     */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean cancel(DeploymentId id) {
        Optional<ProcessHandle> running = runningProcess(id);
        if (running.isEmpty()) {
            return false;
        }
        ProcessHandle process = running.get();
        try {
            Files.writeString(cancelMarker(id), "canceled", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    "Cannot cancel "
                            + id
                            + ": "
                            + home.root()
                            + " is not writable ("
                            + e.getMessage()
                            + ").",
                    e);
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            process.onExit().get(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.addAll(process.descendants().toList());
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(process);
        // The builder's own CANCELED (it handles SIGTERM) wins; else this one. Either way once,
        // with manifest and archive, and the leftovers (daemons by their cookie, work folder, pid
        // file, marker) go.
        Slug project = builds.projectOf(id).orElse(null);
        if (project != null) {
            reconciler.end(
                    project,
                    id,
                    new BuildLiveness.Gone("Canceled by the user.", DeploymentStatus.CANCELED));
        } else if (!streams.hasTerminal(id)) {
            streams.appendTerminalIfNone(
                    id,
                    LogEvent.canceled(
                            LogProtocol.LAUNCHER_SEQ, Instant.now(), "Canceled by the user."));
            builds.remove(id);
        }
        return true;
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException
                | java.util.concurrent.ExecutionException e) {
            LOG.warn("Process {} did not exit after SIGKILL", process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The builder process of a deployment, if it still runs (and is the one that was started). */
    Optional<ProcessHandle> runningProcess(DeploymentId id) {
        Path file = pidFile(id);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return Optional.empty();
        }
        String[] parts = text.split(" ");
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String started = parts.length > 1 ? parts[1] : "-";
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(
                        p ->
                                started.equals("-")
                                        || p.info()
                                                .startInstant()
                                                .map(Instant::toString)
                                                .map(started::equals)
                                                .orElse(true));
    }

    /** The builds this launcher started on this machine, for the reconciler. */
    public LocalBuilds builds() {
        return builds;
    }

    private Path pidFile(DeploymentId id) {
        return LocalBuilds.pidFile(home, id);
    }

    private Path cancelMarker(DeploymentId id) {
        return LocalBuilds.cancelMarker(home, id);
    }

    private Path outputFile(DeploymentId id) {
        return outputFile(home, id);
    }

    /** Where a local builder's own output (both streams) goes. */
    static Path outputFile(SlipwayHome home, DeploymentId id) {
        return home.logsDir().resolve("builds").resolve(id.value() + ".log");
    }
}
