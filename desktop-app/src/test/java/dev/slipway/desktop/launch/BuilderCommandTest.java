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

    @Test
    void writesTheArchiveOnTheFirstBuildAndMapsItAfter() throws Exception {
        Path jar = probeJar();
        Path cds = dir.resolve("cds");
        Files.createDirectories(cds);
        Files.writeString(cds.resolve("builder-1-2.jsa"), "an archive of an older jar");
        Map<String, String> env =
                Map.of(BuilderCommand.ENV, jar.toString(), BuilderCommand.CDS_ENV, "true");

        List<String> first =
                BuilderCommand.locate(env, java()).withClassDataSharing(cds, env).command();
        assertThat(first).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(cds.resolve("builder-1-2.jsa")).doesNotExist();
        Run dumping = run(first);
        assertThat(dumping.exit()).isZero();
        assertThat(dumping.stdout()).contains("probe ran");
        assertThat(dumping.stderr()).isEmpty();
        Path archive =
                cds.resolve(
                        "builder-"
                                + Files.size(jar)
                                + "-"
                                + Files.getLastModifiedTime(jar).toMillis()
                                + ".jsa");
        assertThat(archive).isRegularFile();

        List<String> second =
                BuilderCommand.locate(env, java()).withClassDataSharing(cds, env).command();
        assertThat(second).contains("-XX:SharedArchiveFile=" + archive);
        Run mapped = run(withLog(second, "-Xlog:class+load=info"));
        assertThat(mapped.exit()).isZero();
        assertThat(mapped.stdout())
                .containsPattern(CdsProbe.class.getName() + " source: shared objects file");
    }

    @Test
    void ignoresABrokenArchiveSilently() throws Exception {
        Path jar = probeJar();
        Path cds = dir.resolve("cds");
        Map<String, String> env =
                Map.of(BuilderCommand.ENV, jar.toString(), BuilderCommand.CDS_ENV, "true");
        BuilderCommand.locate(env, java()).withClassDataSharing(cds, env);
        Path archive =
                cds.resolve(
                        "builder-"
                                + Files.size(jar)
                                + "-"
                                + Files.getLastModifiedTime(jar).toMillis()
                                + ".jsa");
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
        Map<String, String> env =
                Map.of(BuilderCommand.ENV, jar.toString(), BuilderCommand.CDS_ENV, "true");
        run(BuilderCommand.locate(env, java()).withClassDataSharing(cds, env).command());
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        List<String> command =
                BuilderCommand.locate(env, java()).withClassDataSharing(cds, env).command();
        assertThat(command).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        try (var files = Files.list(cds)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void noArchiveUnlessAskedFor() throws Exception {
        Path jar = probeJar();
        Map<String, String> env = Map.of(BuilderCommand.ENV, jar.toString());
        List<String> command =
                BuilderCommand.locate(env, java())
                        .withClassDataSharing(dir.resolve("cds"), env)
                        .command();
        assertThat(command).noneMatch(o -> o.contains("Archive"));
    }

    private static List<String> withLog(List<String> command, String option) {
        List<String> c = new ArrayList<>(command);
        c.add(1, option);
        return c;
    }
}
