package dev.slipway.desktop.stack;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.ConfigStore;
import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.SlipwayException;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the local stack as a background process of its own ({@code slipway up --background}), so it
 * outlives the command or window that started it, and finds it again through {@code stack.json}.
 */
public final class ProcessStackService implements StackService {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final SlipwayHome home;
    private final ConfigStore config;
    private final StackCommand command;

    /**
     * How to start {@code slipway up --background}: the java binary and classpath of this program.
     */
    public record StackCommand(String javaBinary, String classpath, String mainClass) {
        public static StackCommand ofThisProcess() {
            String java =
                    ProcessHandle.current()
                            .info()
                            .command()
                            .orElse(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString());
            return new StackCommand(
                    java, System.getProperty("java.class.path"), "dev.slipway.desktop.SlipwayMain");
        }
    }

    public ProcessStackService(SlipwayHome home, ConfigStore config, StackCommand command) {
        this.home = home;
        this.config = config;
        this.command = command;
    }

    /** The stack file of a running stack, if one runs. */
    public Optional<StackFile> running() {
        return StackFile.read(home.stackFile()).filter(StackFile::processAlive);
    }

    @Override
    public StackStatus status() {
        return running().map(f -> f.toStatus(true)).orElse(StackStatus.stopped());
    }

    @Override
    public StackStatus ensureRunning() {
        return ensureRunningFile().toStatus(true);
    }

    /** Starts the stack in the background when it is not running, and returns its file. */
    public StackFile ensureRunningFile() {
        Optional<StackFile> now = running();
        if (now.isPresent()) {
            return now.get();
        }
        try {
            Files.createDirectories(home.root());
            try (FileChannel channel =
                            FileChannel.open(
                                    home.root().resolve("stack.lock"),
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                now = running();
                if (now.isPresent()) {
                    return now.get();
                }
                return spawn();
            }
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    "Cannot start the local stack: "
                            + home.root()
                            + " is not writable ("
                            + e.getMessage()
                            + ").",
                    e);
        }
    }

    private StackFile spawn() throws IOException {
        Files.deleteIfExists(home.stackFile());
        SlipwayConfig cfg = config.load();
        if (!Ports.isFree(cfg.proxyPort())) {
            throw SlipwayException.badInput(Ports.takenMessage(cfg.proxyPort(), home.configFile()));
        }
        Path log = home.logsDir().resolve("stack.log");
        Files.createDirectories(log.getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            // Its own session: Ctrl-C in the terminal that started it does not reach the stack.
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(command.javaBinary());
        cmd.addAll(LocalStack.JVM_OPTIONS);
        cmd.addAll(
                List.of(
                        // The proxy corks large responses as nginx does (proxy-service TcpCork).
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "-cp",
                        command.classpath(),
                        command.mainClass(),
                        "up",
                        "--background"));
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .redirectErrorStream(true);
        pb.environment().put(SlipwayHome.ENV, home.root().toString());
        // A program pointed at other AWS profile files by the SDK's system properties passes them
        // on: AWS mode's proxy in the background reads the same profile.
        forward(pb, "aws.configFile", "AWS_CONFIG_FILE");
        forward(pb, "aws.sharedCredentialsFile", "AWS_SHARED_CREDENTIALS_FILE");
        forward(pb, "aws.disableEc2Metadata", "AWS_EC2_METADATA_DISABLED");
        Process process = pb.start();
        process.getOutputStream().close();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StackFile> file = StackFile.read(home.stackFile());
            if (file.isPresent() && file.get().pid() == process.pid()) {
                return file.get();
            }
            if (!process.isAlive()) {
                throw startFailure(process.exitValue(), log, logStart);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SlipwayException.infrastructure(
                        "Interrupted while the local stack was starting.", e);
            }
        }
        process.destroy();
        throw SlipwayException.infrastructure(
                "The local stack did not start within "
                        + START_TIMEOUT.toSeconds()
                        + " s; see "
                        + log
                        + " for why.",
                null);
    }

    private static void forward(ProcessBuilder pb, String property, String variable) {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank() && !pb.environment().containsKey(variable)) {
            pb.environment().put(variable, value);
        }
    }

    private static SlipwayException startFailure(int exit, Path log, long from) {
        String reason = "";
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            String tail = text.substring((int) Math.min(from, text.length()));
            for (String line : tail.split("\n")) {
                if (line.startsWith("error: ")) {
                    reason = line.substring("error: ".length()).trim();
                }
            }
        } catch (IOException e) {
            reason = "";
        }
        if (reason.isEmpty()) {
            reason =
                    "The local stack stopped while starting (exit "
                            + exit
                            + "); see "
                            + log
                            + " for why.";
        }
        ExitStatus kind = exit == 2 ? ExitStatus.BAD_INPUT : ExitStatus.INFRASTRUCTURE;
        return new SlipwayException(kind, reason);
    }

    @Override
    public void stop() {
        Optional<StackFile> file = running();
        if (file.isEmpty()) {
            deleteStale();
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(file.get().pid());
        if (handle.isEmpty()) {
            deleteStale();
            return;
        }
        ProcessHandle process = handle.get();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            process.onExit()
                    .get(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw SlipwayException.infrastructure(
                    "Could not stop the local stack (pid " + process.pid() + "): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SlipwayException.infrastructure("Interrupted while stopping the local stack.", e);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteStale();
    }

    private void deleteStale() {
        try {
            Optional<StackFile> file = StackFile.read(home.stackFile());
            if (file.isPresent() && !file.get().processAlive()) {
                Files.deleteIfExists(home.stackFile());
            }
        } catch (IOException | SlipwayException e) {
            throw SlipwayException.infrastructure(
                    "Cannot delete " + home.stackFile() + "; delete it by hand.", e);
        }
    }
}
