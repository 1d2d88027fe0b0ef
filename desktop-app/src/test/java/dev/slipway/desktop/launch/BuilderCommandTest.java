package dev.slipway.desktop.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderCommandTest {

    @TempDir Path dir;

    /** A runnable jar holding only {@link CdsProbe}. */
    private Path probeJar() throws IOException {
        Path jar = dir.resolve("slipway-builder.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CdsProbe.class.getName());
        String entry = CdsProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream in = CdsProbe.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            in.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Run(int exit, String stdout, String stderr) {}

    private Run run(List<String> command) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs a builder command as the local launcher does: its pid is handed over once started. */
    private Run launch(BuilderCommand command) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p =
                new ProcessBuilder(command.command())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        command.started(p.pid());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Waits for the background dump (a separate process) to leave {@code path} as wanted. */
    private static void awaitFile(Path path, boolean exists) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(120))
                .until(() -> Files.exists(path) == exists);
    }

    private static Path archiveOf(Path cds, Path jar) throws IOException {
        return cds.resolve(
                "builder-"
                        + Files.size(jar)
                        + "-"
                        + Files.getLastModifiedTime(jar).toMillis()
                        + ".jsa");
    }

    @Test
    void theFirstBuildRecordsItsClassesAndTheArchiveMadeAfterItIsMappedByTheNext()
            throws Exception {
        Path jar = probeJar();
        Path cds = dir.resolve("cds");
        Files.createDirectories(cds);
        Files.writeString(cds.resolve("builder-1-2.jsa"), "an archive of an older jar");
        Files.writeString(cds.resolve("builder-1-2-77.classlist"), "a list of an older jar");
        Map<String, String> env = Map.of(BuilderCommand.ENV, jar.toString());

        BuilderCommand first = BuilderCommand.locate(env, java()).withClassDataSharing(cds, env);
        Path list =
                first.command().stream()
                        .filter(o -> o.startsWith("-XX:DumpLoadedClassList="))
                        .map(o -> Path.of(o.substring("-XX:DumpLoadedClassList=".length())))
                        .findFirst()
                        .orElseThrow();
        assertThat(first.command()).noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(cds.resolve("builder-1-2.jsa")).doesNotExist();
        assertThat(cds.resolve("builder-1-2-77.classlist")).doesNotExist();
        Run teaching = launch(first);
        assertThat(teaching.exit()).isZero();
        assertThat(teaching.stdout()).contains("probe ran");
        assertThat(teaching.stderr()).isEmpty();
        Path archive = archiveOf(cds, jar);
        awaitFile(archive, true);
        assertThat(archive).as("made in the background after the build").isRegularFile();
        awaitFile(list, false);
        assertThat(list).as("the list, once dumped").doesNotExist();
        try (var files = Files.list(cds)) {
            assertThat(files).containsExactly(archive);
        }

        BuilderCommand second = BuilderCommand.locate(env, java()).withClassDataSharing(cds, env);
        assertThat(second.command()).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(second.command()).noneMatch(o -> o.startsWith("-XX:DumpLoadedClassList="));
        Run mapped = run(withLog(second.command(), "-Xlog:class+load=info"));
        assertThat(mapped.exit()).isZero();
        assertThat(mapped.stdout())
                .containsPattern(CdsProbe.class.getName() + " source: shared objects file");
    }

    @Test
    void ignoresABrokenArchiveSilently() throws Exception {
        Path jar = probeJar();
        Path cds = dir.resolve("cds");
        Map<String, String> env = Map.of(BuilderCommand.ENV, jar.toString());
        Files.createDirectories(cds);
        Path archive = archiveOf(cds, jar);
        Files.write(archive, new byte[4096]); // as a dump cut short leaves it: no header yet

        Run run = run(BuilderCommand.locate(env, java()).withClassDataSharing(cds, env).command());
        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).contains("probe ran");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void aRebuiltJarGetsANewArchive() throws Exception {
        Path jar = probeJar();
        Path cds = dir.resolve("cds");
        Map<String, String> env = Map.of(BuilderCommand.ENV, jar.toString());
        Run first = launch(BuilderCommand.locate(env, java()).withClassDataSharing(cds, env));
        assertThat(first.exit()).isZero();
        awaitFile(archiveOf(cds, jar), true);
        assertThat(archiveOf(cds, jar)).isRegularFile();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        List<String> command =
                BuilderCommand.locate(env, java()).withClassDataSharing(cds, env).command();
        assertThat(command).anyMatch(o -> o.startsWith("-XX:DumpLoadedClassList="));
        String key = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        try (var files = Files.list(cds)) {
            assertThat(files)
                    .as("the old jar's archive is gone; only the new jar's list is there")
                    .singleElement()
                    .satisfies(
                            p ->
                                    assertThat(p.getFileName().toString())
                                            .startsWith("builder-" + key + "-")
                                            .endsWith(".classlist"));
        }
    }

    @Test
    void noArchiveWhenTurnedOff() throws Exception {
        Path jar = probeJar();
        Map<String, String> env =
                Map.of(BuilderCommand.ENV, jar.toString(), BuilderCommand.CDS_ENV, "false");
        BuilderCommand command =
                BuilderCommand.locate(env, java()).withClassDataSharing(dir.resolve("cds"), env);
        assertThat(command.command())
                .noneMatch(o -> o.contains("Archive") || o.contains("ClassList"));
        assertThat(dir.resolve("cds")).doesNotExist();
    }

    private static List<String> withLog(List<String> command, String option) {
        List<String> c = new ArrayList<>(command);
        c.add(1, option);
        return c;
    }
}
