package dev.slipway.builder.process;

import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.StopSignal;
import dev.slipway.builder.outcome.Stopped;
import dev.slipway.builder.threads.DaemonThreads;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.process.BuildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one shell command of the build (install or build) as a child process in its own process
 * group, with exactly the environment given: both output streams go to the log line by line while
 * it runs. At the deadline or on cancel the whole process tree is stopped (SIGTERM, then SIGKILL
 * after a grace period); after the command ends, anything it left running is stopped too. Every
 * process a command starts carries the build's {@link BuildProcesses} cookie, so daemons that left
 * the group ({@code setsid}, a double fork) are found and stopped as well.
 */
public final class CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(2);

    private final BuildUser user;
    private final BuildLog log;
    private final StopSignal stop;
    private final Duration killGrace;
    private final BuildProcesses processes;

    public CommandRunner(BuildUser user, BuildLog log, StopSignal stop, Duration killGrace) {
        this(user, log, stop, killGrace, BuildProcesses.ofThisProcess(System.getenv()));
    }

    /**
     * @param processes the cookie every command's processes carry, by which the ones that left the
     *     process group ({@code setsid}, double forks) are found and stopped
     */
    public CommandRunner(
            BuildUser user,
            BuildLog log,
            StopSignal stop,
            Duration killGrace,
            BuildProcesses processes) {
        this.user = user;
        this.log = log;
        this.stop = stop;
        this.killGrace = killGrace;
        this.processes = processes;
    }

    /** What a command did. */
    public record Result(int exitCode, Duration duration) {}

    /**
     * Runs {@code command} with {@code sh -c} in {@code dir}.
     *
     * @throws Stopped when canceled (the tree is killed first)
     * @throws dev.slipway.builder.outcome.Failure when the deadline passed (the tree is killed
     *     first)
     */
    public Result run(Phase phase, String command, Path dir, Map<String, String> env) {
        stop.checkpoint();
        List<String> argv = new ArrayList<>(user.prefix());
        boolean ownGroup = Files.isExecutable(SETSID);
        if (ownGroup) {
            argv.add(SETSID.toString());
        }
        argv.addAll(List.of("sh", "-c", command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(processes.mark(env));
        long started = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + argv.get(0) + " for: " + command, e);
        }
        Thread out = pump(process, phase, OutputStream.STDOUT);
        Thread err = pump(process, phase, OutputStream.STDERR);
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (stop.isCanceled()) {
                    killTree(process, ownGroup);
                    finishPumps(process, out, err);
                    throw new Stopped(Objects.requireNonNull(stop.reason()));
                }
                if (stop.isPastDeadline()) {
                    log.info(
                            phase,
                            "Stopping the build: it ran past BUILD_TIMEOUT_SECONDS="
                                    + stop.timeout().toSeconds());
                    killTree(process, ownGroup);
                    finishPumps(process, out, err);
                    throw stop.timedOut();
                }
            }
            int exit = process.exitValue();
            stopLeftovers(phase, process, ownGroup, out, err);
            finishPumps(process, out, err);
            return new Result(exit, Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process, ownGroup);
            throw new Stopped(StopSignal.Reason.INTERRUPTED);
        } finally {
            processes.killAll();
            user.killAll();
        }
    }

    private Thread pump(Process process, Phase phase, OutputStream stream) {
        java.io.InputStream in =
                stream == OutputStream.STDOUT ? process.getInputStream() : process.getErrorStream();
        return DaemonThreads.start(
                phase.value() + "-" + stream.value(),
                new LinePump(in, (text, more) -> log.piece(phase, stream, text, more)));
    }

    /** After the main process exits: give what it left behind a moment, then stop it. */
    private void stopLeftovers(
            Phase phase, Process process, boolean ownGroup, Thread out, Thread err)
            throws InterruptedException {
        out.join(LEFTOVER_GRACE.toMillis());
        err.join(Math.max(1, LEFTOVER_GRACE.toMillis() / 4));
        if (out.isAlive() || err.isAlive()) {
            log.info(phase, "Stopping processes the command left running");
            signalGroup(process.pid(), "KILL", ownGroup);
            processes.killAll();
        }
    }

    /** Stops the whole tree: SIGTERM to the group, SIGKILL to whatever is left after the grace. */
    private void killTree(Process process, boolean ownGroup) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        signalGroup(process.pid(), "TERM", ownGroup);
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(killGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info(
                        "The build did not stop within {} s of SIGTERM; sending SIGKILL",
                        killGrace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(tree::add);
        signalGroup(process.pid(), "KILL", ownGroup);
        tree.forEach(ProcessHandle::destroyForcibly);
        int detached = processes.killAll();
        if (detached > 0) {
            LOG.info("Killed {} processes of the build that had left its process group", detached);
        }
        user.killAll();
    }

    private void signalGroup(long pgid, String signal, boolean ownGroup) {
        if (!ownGroup) {
            return;
        }
        List<String> argv = new ArrayList<>(user.prefix());
        argv.addAll(List.of("sh", "-c", "kill -s " + signal + " -- -" + pgid + " 2>/dev/null"));
        try {
            Process kill =
                    new ProcessBuilder(argv)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("Cannot signal process group {}: {}", pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the readers to reach the end of output; closes the pipes if something holds them.
     */
    private void finishPumps(Process process, Thread out, Thread err) {
        try {
            out.join(5_000);
            err.join(1_000);
            if (out.isAlive() || err.isAlive()) {
                process.getInputStream().close();
                process.getErrorStream().close();
                out.join(1_000);
                err.join(1_000);
            }
        } catch (IOException e) {
            LOG.warn("Cannot close the output of the build", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
