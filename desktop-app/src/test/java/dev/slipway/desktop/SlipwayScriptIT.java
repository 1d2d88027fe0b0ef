package dev.slipway.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.desktop.stack.LocalStack;
import dev.slipway.desktop.ui.DesktopJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root {@code ./slipway} script builds the jar only when it is missing or older than a source,
 * then runs it. The real Maven build is replaced (through {@code SLIPWAY_BUILD_COMMAND}) by a
 * command that copies the jar this module just packaged and counts its calls.
 */
class SlipwayScriptIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path BUILT_JAR = Path.of("target/slipway.jar").toAbsolutePath();

    @TempDir Path tree;
    private Path jar;
    private Path buildLog;

    @BeforeEach
    void layOutARepository() throws IOException {
        Files.copy(
                REPO.resolve("slipway"),
                tree.resolve("slipway"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(tree.resolve("pom.xml"), "<project/>");
        for (String module : List.of("core", "builder-container", "proxy-service", "desktop-app")) {
            Path source = tree.resolve(module + "/src/main/java/A.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "class A {}");
            Files.writeString(tree.resolve(module + "/pom.xml"), "<project/>");
            setOld(source);
            setOld(tree.resolve(module + "/pom.xml"));
        }
        setOld(tree.resolve("pom.xml"));
        jar = tree.resolve("desktop-app/target/slipway.jar");
        buildLog = tree.resolve("build.log");
    }

    @Test
    void buildsWhenTheJarIsMissingThenRunsIt() throws Exception {
        Result r = run();
        assertThat(r.exit).isZero();
        assertThat(builds()).isEqualTo(1);
        assertThat(r.stdout).containsIgnoringCase("usage").contains("slipway");
        assertThat(jar).exists();
    }

    @Test
    void doesNotRebuildAFreshJar() throws Exception {
        run();
        Result r = run();
        assertThat(r.exit).isZero();
        assertThat(builds()).isEqualTo(1);
    }

    @Test
    void rebuildsWhenASourceOrPomIsNewerThanTheJar() throws Exception {
        run();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        Path source = tree.resolve("proxy-service/src/main/java/A.java");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        run();
        assertThat(builds()).isEqualTo(2);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(1800)));
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(7200)));
        Files.setLastModifiedTime(tree.resolve("pom.xml"), FileTime.from(Instant.now()));
        run();
        assertThat(builds()).isEqualTo(3);
    }

    @Test
    void ignoresChangesUnderTarget() throws Exception {
        run();
        Path generated = tree.resolve("core/target/generated/B.java");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, "class B {}");
        Files.setLastModifiedTime(generated, FileTime.from(Instant.now().plusSeconds(60)));
        run();
        assertThat(builds()).isEqualTo(1);
    }

    @Test
    void reportsAFailedBuildWithExitTwo() throws Exception {
        Result r = runWithBuild("exit 1", "--help");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stderr).contains("the build failed");
    }

    @Test
    void showsEachModuleAsTheBuildReachesItAndNothingElseOfItsOutput() throws Exception {
        Result r =
                runWithBuild(
                        "echo '[INFO] Building Slipway core 0.1.0-SNAPSHOT              [2/6]'\n"
                                + "echo 'some compiler noise'\n"
                                + "mkdir -p desktop-app/target && cp '"
                                + BUILT_JAR
                                + "' desktop-app/target/slipway.jar",
                        "--help");

        assertThat(r.exit).isZero();
        assertThat(r.stderr)
                .contains("the first build downloads its dependencies")
                .contains("slipway:   [2/6] Slipway core\n")
                .doesNotContain("compiler noise");
    }

    @Test
    void passesArgumentsToTheJar() throws Exception {
        Result r = runWithBuild(null, "list", "--help");
        assertThat(r.exit).isZero();
        assertThat(r.stdout).contains("list");
    }

    @Test
    void writesAClassDataArchivePerCommandOnItsFirstRunAndUsesItQuietly() throws Exception {
        run(); // builds the jar (and says so on stderr)
        Result first = runWithBuild(null, "list", "--help");
        assertThat(first.exit).isZero();
        assertThat(first.stderr).isEmpty();
        Path cds = tree.resolve("home").resolve("cds");
        List<Path> archives;
        try (var files = Files.list(cds)) {
            archives =
                    files.filter(f -> f.getFileName().toString().startsWith("cli-list-")).toList();
        }
        assertThat(archives).hasSize(1);
        assertThat(archives.get(0).getFileName().toString()).endsWith(".jsa");
        assertThat(Files.size(archives.get(0))).isPositive();

        Result second = runWithBuild(null, "list", "--help");
        assertThat(second.exit).isZero();
        assertThat(second.stdout).contains("list");
        assertThat(second.stderr).isEmpty();

        // A dump cut short leaves a file without its header: the JVM ignores it, and says nothing.
        Files.write(archives.get(0), new byte[4096]);
        Result broken = runWithBuild(null, "list", "--help");
        assertThat(broken.exit).isZero();
        assertThat(broken.stdout).contains("list");
        assertThat(broken.stderr).isEmpty();
    }

    @Test
    void givesTheAppTheStackAndOtherCommandsTheHeapTheirJavaCodeAlsoGives() throws Exception {
        run(); // builds the jar
        // A java on the PATH that writes down its arguments instead of running.
        Path bin = tree.resolve("bin");
        Files.createDirectories(bin);
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\" > '" + tree.resolve("args.txt") + "'\n");
        java.toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));

        List<String> app = argsOf(env);
        assertThat(app).startsWith(DesktopJvm.HEAP, "-XX:+UseSerialGC");
        assertThat(app)
                .anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=") && a.contains("cli-app-"));

        List<String> up = argsOf(env, "up");
        assertThat(up).startsWith(LocalStack.JVM_OPTIONS.toArray(String[]::new));
        assertThat(up).noneMatch(a -> a.contains("ArchiveClassesAtExit"));

        List<String> list = argsOf(env, "list");
        assertThat(list).startsWith("-Xmx300m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(list.subList(list.size() - 3, list.size()))
                .containsExactly("-jar", jar.toString(), "list");
    }

    private List<String> argsOf(Map<String, String> env, String... args) throws Exception {
        Result r = runWithBuild(null, env, args);
        assertThat(r.exit).as(r.stderr).isZero();
        return List.of(Files.readString(tree.resolve("args.txt")).trim().split(" "));
    }

    private static void setOld(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(86_400)));
    }

    private int builds() throws IOException {
        return Files.exists(buildLog) ? Files.readAllLines(buildLog).size() : 0;
    }

    /** Runs {@code ./slipway --help} (no arguments would open the desktop window). */
    @Test
    void withoutADisplayTheBuildTrainsNoArchiveForTheApp() throws Exception {
        Result r = run();

        assertThat(r.exit).isZero();
        assertThat(r.stderr).doesNotContain("fast start");
        assertThat(appArchives()).isEmpty();
    }

    @Test
    void aTrainingRunThatCannotOpenItsDisplayLeavesNoArchiveAndTheCommandRuns() throws Exception {
        int display = 59;
        while (Files.exists(Path.of("/tmp/.X11-unix/X" + display))) {
            display++;
        }
        Result r = runWithBuild(null, Map.of("DISPLAY", ":" + display), "--help");

        assertThat(r.exit).as(r.stderr).isZero();
        assertThat(r.stderr).contains("slipway: preparing the app's fast start…");
        assertThat(r.stdout).containsIgnoringCase("usage");
        // The JVM writes what it loaded even when the run fails: that small archive must go, or
        // the app would map it and never write its own.
        assertThat(appArchives()).isEmpty();

        Result again = runWithBuild(null, Map.of("DISPLAY", ":" + display), "--help");
        assertThat(again.stderr).as("no build, no training").doesNotContain("fast start");
    }

    private List<Path> appArchives() throws IOException {
        Path cds = tree.resolve("home").resolve("cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (var files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().startsWith("cli-app-")).toList();
        }
    }

    private Result run() throws Exception {
        return runWithBuild(null, "--help");
    }

    private Result runWithBuild(String buildScript, String... args) throws Exception {
        return runWithBuild(buildScript, Map.of(), args);
    }

    private Result runWithBuild(String buildScript, Map<String, String> env, String... args)
            throws Exception {
        Path build = tree.resolve("fake-build.sh");
        String body =
                buildScript == null
                        ? "mkdir -p desktop-app/target && cp '"
                                + BUILT_JAR
                                + "' desktop-app/target/slipway.jar"
                        : buildScript;
        Files.writeString(build, "#!/bin/sh\necho built >> '" + buildLog + "'\n" + body + "\n");
        build.toFile().setExecutable(true);
        List<String> command =
                new java.util.ArrayList<>(List.of("sh", tree.resolve("slipway").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tree.toFile());
        pb.environment().put("SLIPWAY_BUILD_COMMAND", "sh " + build);
        pb.environment().put("SLIPWAY_HOME", tree.resolve("home").toString());
        // No desktop unless a test gives one: after a build, a display means a training run.
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().putAll(env);
        Path out = tree.resolve("out.txt");
        Path err = tree.resolve("err.txt");
        pb.redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("slipway finished").isTrue();
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String stdout, String stderr) {}
}
