package dev.slipway.desktop.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM options for class-data sharing archives: a dynamic one (Java 13+, {@link #forJar}: the
 * desktop app's), written when the process exits, and the builder's static one ({@link
 * #forBuilder}), made in the background from the class list of a build once that build is gone.
 * Either is mapped when it exists. The JVM itself checks an archive against the jar and ignores a
 * stale or half-written one; its warnings are switched off so a build's log never shows them.
 */
public final class ClassDataSharing {

    private static final List<String> QUIET =
            List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private ClassDataSharing() {}

    /**
     * The options for {@code jar}'s archive in {@code folder}, named {@code
     * <prefix><size>-<time>.jsa} after the jar so a rebuilt jar gets a new one ({@code
     * $SLIPWAY_HOME/cds} holds the CLI's, the builder's and the desktop app's).
     */
    public static List<String> forJar(Path folder, String prefix, Path jar) throws IOException {
        Files.createDirectories(folder);
        String key = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        return options(folder, prefix, folder.resolve(prefix + key + ".jsa"));
    }

    /**
     * A static archive of the classes a builder loads (a local build's JVM): made once per jar
     * without holding up the build that teaches it. The first build runs with {@code
     * -XX:DumpLoadedClassList} (it writes the names of the classes it loads as it goes, at no cost
     * to its exit); once its process is gone, a background {@code java -Xshare:dump} turns that
     * list into {@code <prefix><size>-<time>.jsa}, written under a temporary name and renamed,
     * which every later build maps. Until the archive is there, each build teaches again (two first
     * builds at once each write their own list; the last rename wins).
     */
    public record Plan(List<String> options, Optional<Dump> dump) {}

    /** The dump to run after the teaching build's process {@code pid} is gone. */
    public record Dump(Path classList, Path archive, Path jar) {

        /**
         * Starts the background dump: a shell (in its own session, with no variable of the build)
         * that waits for {@code pid} to end, then makes the archive. Nothing is said if it fails:
         * the next build teaches again.
         */
        public void startAfter(long pid, String javaBinary) throws IOException {
            List<String> cmd = new ArrayList<>();
            if (new java.io.File("/usr/bin/setsid").canExecute()) {
                cmd.add("/usr/bin/setsid");
            }
            cmd.addAll(
                    List.of(
                            "/bin/sh",
                            "-c",
                            "while kill -0 \"$1\" 2>/dev/null; do sleep 0.2; done; "
                                    + "tmp=\"$4.$$.tmp\"; "
                                    + "\"$2\" -Xshare:dump -XX:SharedClassListFile=\"$3\" -XX:SharedArchiveFile=\"$tmp\" -cp \"$5\" >/dev/null 2>&1 "
                                    + "&& mv -f \"$tmp\" \"$4\"; rm -f \"$tmp\" \"$3\"",
                            "slipway-cds",
                            Long.toString(pid),
                            javaBinary,
                            classList.toString(),
                            archive.toString(),
                            jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.start().getOutputStream().close();
        }
    }

    /**
     * The plan for {@code jar}'s builder archive in {@code folder}: map it when it exists, else
     * record the loaded classes and dump after the build (none where there is no {@code /bin/sh}).
     */
    public static Plan forBuilder(Path folder, String prefix, Path jar) throws IOException {
        Files.createDirectories(folder);
        String key = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        Path archive = folder.resolve(prefix + key + ".jsa");
        List<String> options = new ArrayList<>();
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
            options.addAll(QUIET);
            return new Plan(options, Optional.empty());
        }
        if (!new java.io.File("/bin/sh").canExecute()) {
            return new Plan(List.of(), Optional.empty());
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, prefix + "*")) {
            for (Path p : old) {
                String name = p.getFileName().toString();
                boolean ours = name.startsWith(prefix + key + "-") && name.endsWith(".classlist");
                if (!ours && (name.endsWith(".jsa") || name.endsWith(".classlist"))) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Path classList = Files.createTempFile(folder, prefix + key + "-", ".classlist");
        options.add("-XX:DumpLoadedClassList=" + classList);
        options.addAll(QUIET);
        return new Plan(options, Optional.of(new Dump(classList, archive, jar)));
    }

    /**
     * The options for {@code archive}; when it is missing, other archives in {@code folder} whose
     * names start with {@code prefix} (made for an older jar) are deleted first.
     */
    static List<String> options(Path folder, String prefix, Path archive) throws IOException {
        List<String> options = new ArrayList<>();
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, prefix + "*.jsa")) {
                for (Path p : old) {
                    Files.deleteIfExists(p);
                }
            }
            options.add("-XX:ArchiveClassesAtExit=" + archive);
        }
        options.addAll(QUIET);
        return options;
    }
}
