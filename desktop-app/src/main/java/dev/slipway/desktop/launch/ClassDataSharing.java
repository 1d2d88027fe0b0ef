package dev.slipway.desktop.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options for a dynamic class-data sharing archive (Java 13+): map it when it exists, else
 * write it when the process exits. The JVM itself checks the archive against the jar and ignores a
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
