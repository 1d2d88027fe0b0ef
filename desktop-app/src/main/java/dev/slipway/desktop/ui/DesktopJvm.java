package dev.slipway.desktop.ui;

import dev.slipway.core.build.ExitStatus;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.desktop.launch.ClassDataSharing;
import dev.slipway.desktop.logging.DaemonThreads;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM the desktop app runs in: a capped heap (the log pane keeps at most 100,000 lines, and an
 * uncapped JVM grows towards a quarter of the RAM after large builds) and an application class-data
 * archive for a faster start. {@code ./slipway} passes the cap itself; {@code java -jar
 * slipway.jar} without {@code -Xmx} is relaunched here once, in a child JVM with these options.
 */
public final class DesktopJvm {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopJvm.class);

    /** Set in the child's environment, so it does not relaunch again. */
    public static final String CHILD_ENV = "SLIPWAY_DESKTOP_JVM";

    /**
     * The heap cap, as {@code ./slipway} passes it: the log pane's 100,000 lines and the UI fit in
     * 160 MB, and a larger cap only lets the committed heap, and so the RSS, grow under a flood of
     * lines (docs/benchmarks/desktop.md).
     */
    public static final String HEAP = "-Xmx160m";

    private DesktopJvm() {}

    /**
     * Runs the desktop app in a child JVM with a capped heap when this JVM has none and runs from
     * the jar; empty when this JVM should open the window itself.
     *
     * @return the child's exit status
     */
    public static OptionalInt relaunchIfUncapped(SlipwayHome home) {
        Map<String, String> env = System.getenv();
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Optional<Path> jar = ownJar();
        if (env.containsKey(CHILD_ENV) || capped(jvmArgs) || jar.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> command = command(javaBinary(), jar.get(), home);
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put(CHILD_ENV, "1");
        try {
            Process child = pb.start();
            Thread stopChild =
                    DaemonThreads.unstarted("slipway-desktop-child-stop", child::destroy);
            Runtime.getRuntime().addShutdownHook(stopChild);
            int status = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return OptionalInt.of(status);
        } catch (IOException e) {
            LOG.warn("Cannot start a JVM with a capped heap; opening the app in this one", e);
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(ExitStatus.INTERRUPTED.exitCode());
        }
    }

    /** Whether the JVM was started with a heap limit of the user's (or of {@code ./slipway}). */
    static boolean capped(List<String> jvmArgs) {
        return jvmArgs.stream()
                .anyMatch(
                        a ->
                                a.startsWith("-Xmx")
                                        || a.startsWith("-XX:MaxHeapSize=")
                                        || a.startsWith("-XX:MaxRAMPercentage=")
                                        || a.startsWith("-XX:MaxRAM="));
    }

    /**
     * The child's command line: the heap cap, the serial collector (one UI thread and a few
     * readers: the smallest footprint), and the class-data archive for this jar (written at the
     * first exit, used from then on).
     */
    static List<String> command(Path java, Path jar, SlipwayHome home) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add(HEAP);
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(classDataOptions(jar, home));
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    /**
     * {@code -XX:SharedArchiveFile} when this jar's archive exists, else {@code
     * -XX:ArchiveClassesAtExit} to write it, in {@code $SLIPWAY_HOME/cds} beside the CLI's (see
     * {@link ClassDataSharing}). Empty when the folder cannot be made.
     */
    static List<String> classDataOptions(Path jar, SlipwayHome home) {
        try {
            return ClassDataSharing.forJar(home.root().resolve("cds"), "desktop-", jar);
        } catch (IOException | RuntimeException e) {
            LOG.debug("No class-data archive for the desktop app", e);
            return List.of();
        }
    }

    private static Path javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** The runnable jar this class was loaded from; empty from a classes folder (tests, IDE). */
    private static Optional<Path> ownJar() {
        try {
            var source = DesktopJvm.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar")
                    ? Optional.of(p)
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
