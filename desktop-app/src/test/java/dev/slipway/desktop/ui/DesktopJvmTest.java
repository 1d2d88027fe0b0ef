package dev.slipway.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopJvmTest {

    @TempDir Path dir;

    @Test
    void aHeapLimitOfTheUsersMeansNoRelaunch() {
        assertThat(DesktopJvm.capped(List.of("-Xmx300m", "-XX:+UseSerialGC"))).isTrue();
        assertThat(DesktopJvm.capped(List.of("-XX:MaxRAMPercentage=10"))).isTrue();
        assertThat(DesktopJvm.capped(List.of("-XX:MaxHeapSize=268435456"))).isTrue();
        assertThat(DesktopJvm.capped(List.of("-Dfoo=bar", "-Xms64m"))).isFalse();
        assertThat(DesktopJvm.capped(List.of())).isFalse();
    }

    @Test
    void theChildGetsTheCapTheSerialCollectorAndWritesThenUsesTheJarsArchive() throws Exception {
        Path jar = Files.writeString(dir.resolve("slipway.jar"), "not really a jar");
        SlipwayHome home = new SlipwayHome(dir.resolve("home"));
        Path java = Path.of("/opt/jdk/bin/java");

        List<String> first = DesktopJvm.command(java, jar, home);
        assertThat(first)
                .startsWith("/opt/jdk/bin/java", DesktopJvm.HEAP, "-XX:+UseSerialGC")
                .endsWith("-jar", jar.toString());
        String dump =
                first.stream()
                        .filter(a -> a.startsWith("-XX:ArchiveClassesAtExit="))
                        .findFirst()
                        .orElseThrow();
        Path archive = Path.of(dump.substring(dump.indexOf('=') + 1));
        assertThat(archive.getParent()).isEqualTo(home.root().resolve("cds"));
        assertThat(archive.getFileName().toString())
                .startsWith("desktop-" + Files.size(jar) + "-")
                .endsWith(".jsa");

        Files.writeString(archive, "archive");
        assertThat(DesktopJvm.command(java, jar, home))
                .contains("-XX:SharedArchiveFile=" + archive)
                .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));

        Files.writeString(jar, "rebuilt, so another size");
        assertThat(DesktopJvm.command(java, jar, home))
                .as("a rebuilt jar gets an archive of its own")
                .anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void fromAClassesFolderTheAppOpensInThisJvm() {
        // Tests run from target/classes, not from the jar: nothing to relaunch.
        assertThat(DesktopJvm.relaunchIfUncapped(new SlipwayHome(dir))).isEmpty();
    }
}
