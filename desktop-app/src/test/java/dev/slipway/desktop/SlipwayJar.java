package dev.slipway.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code target/slipway.jar} as {@code ./slipway} runs a command (its JVM flags),
 * with its own home and environment.
 */
public final class SlipwayJar {

    public static final Path JAR = Path.of("target/slipway.jar").toAbsolutePath();

    /** What a finished command printed and returned. */
    public record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** A command still running, whose output can be read while it runs. */
    public record Running(Process process, Path stdout, Path stderr) {
        public String stdoutSoFar() throws IOException {
            return Files.readString(stdout, StandardCharsets.UTF_8);
        }

        public Result await(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(
                        "slipway did not finish within "
                                + timeout
                                + "\n"
                                + Files.readString(stdout)
                                + Files.readString(stderr));
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        }
    }

    private final Path home;
    private final Map<String, String> env;

    /**
     * The last lines of every log under the home's {@code logs/} (the stack's and the commands'),
     * for a failure message: what the stack said when a command could not reach it.
     */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        try (java.util.stream.Stream<Path> logs = java.nio.file.Files.list(home.resolve("logs"))) {
            for (Path log : logs.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                java.util.List<String> all = java.nio.file.Files.readAllLines(log);
                out.append("--- ").append(log.getFileName()).append('\n');
                all.subList(Math.max(0, all.size() - lines), all.size())
                        .forEach(l -> out.append(l).append('\n'));
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            out.append("(no logs: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    public SlipwayJar(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    public Running start(String... args) throws IOException {
        return startIn(home, args);
    }

    /** Runs in another folder (linking, relative paths). */
    public Result runIn(Path dir, String... args) throws Exception {
        return startIn(dir, args).await(Duration.ofMinutes(3));
    }

    public Running startIn(Path dir, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                ProcessHandle.current().info().command().orElse("java"),
                                // The JVM flags ./slipway gives a command (not the app, not `up`).
                                "-Xmx300m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-jar",
                                JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(withCtrlC(command)).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("SLIPWAY_"));
        pb.environment().put("SLIPWAY_HOME", home.toString());
        // No builder archive: each test's new home would make one in the background
        // (BuilderCommandTest covers it); a test may still turn it on.
        pb.environment().put("SLIPWAY_BUILDER_CDS", "false");
        pb.environment().putAll(env);
        Files.createDirectories(home);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new Running(pb.start(), out, err);
    }

    /**
     * The command as a terminal would run it, Ctrl-C included: a process started in the background
     * by a non-interactive shell ({@code cmd &}) ignores SIGINT, its children inherit that, and a
     * JVM that starts with SIGINT ignored never reacts to it. When this JVM's SIGINT is ignored,
     * the command starts through Perl (part of every Debian), which restores the default and execs
     * it, keeping its process id.
     */
    private static List<String> withCtrlC(List<String> command) {
        if (!sigintIgnored() || !Files.isExecutable(Path.of("/usr/bin/perl"))) {
            return command;
        }
        List<String> wrapped =
                new ArrayList<>(
                        List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: nothing to restore.
        }
        return false;
    }

    public Result run(String... args) throws Exception {
        return start(args).await(Duration.ofMinutes(3));
    }
}
