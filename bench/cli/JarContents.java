import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a shaded jar is made of: the compressed bytes of its entries summed by the dependency jar
 * each entry came from (the first jar of the class path that holds that name, as the shade plugin
 * picks it), and by path prefix (the first {@code depth} folders).
 *
 * <p>Usage: {@code java bench/cli/JarContents.java <shaded.jar> <classpath-file> [depth]} where the
 * class-path file is {@code mvn dependency:build-classpath}'s output (jars separated by {@code :}).
 * Entries found in no dependency are the reactor's own modules (listed as {@code slipway}).
 */
public final class JarContents {

    public static void main(String[] args) throws IOException {
        Path shaded = Path.of(args[0]);
        String classpath = Files.readString(Path.of(args[1])).trim();
        int depth = args.length > 2 ? Integer.parseInt(args[2]) : 2;

        Map<String, String> owner = new HashMap<>();
        for (String element : classpath.split(":")) {
            Path jar = Path.of(element);
            if (!element.endsWith(".jar") || !Files.isRegularFile(jar)) {
                continue;
            }
            String name = artifact(jar);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().forEach(e -> owner.putIfAbsent(e.getName(), name));
            }
        }

        Map<String, long[]> byArtifact = new HashMap<>();
        Map<String, long[]> byPrefix = new HashMap<>();
        long total = 0;
        long entries = 0;
        try (ZipFile zip = new ZipFile(shaded.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                long size = e.getCompressedSize();
                total += size;
                entries++;
                add(byArtifact, owner.getOrDefault(e.getName(), "slipway (own modules) / shade"), size);
                add(byPrefix, prefix(e.getName(), depth), size);
            }
        }
        System.out.printf(
                "%s: %,d bytes on disk, %,d bytes of compressed entries, %,d entries%n%n",
                shaded, Files.size(shaded), total, entries);
        print("by dependency", byArtifact, total);
        print("by path prefix (depth " + depth + ")", byPrefix, total);
    }

    private static void add(Map<String, long[]> sums, String key, long size) {
        long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
        sum[0] += size;
        sum[1]++;
    }

    private static void print(String title, Map<String, long[]> sums, long total) {
        System.out.println("## " + title);
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(sums.entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, long[]> r) -> -r.getValue()[0]));
        for (Map.Entry<String, long[]> row : rows) {
            if (row.getValue()[0] < 50_000) {
                continue;
            }
            System.out.printf(
                    "%8.2f MB %5.1f %% %7d entries  %s%n",
                    row.getValue()[0] / 1e6,
                    100.0 * row.getValue()[0] / total,
                    row.getValue()[1],
                    row.getKey());
        }
        long small =
                rows.stream().filter(r -> r.getValue()[0] < 50_000).mapToLong(r -> r.getValue()[0]).sum();
        System.out.printf("%8.2f MB   (the rest, each under 50 kB)%n%n", small / 1e6);
    }

    /** {@code group:artifact:version} from a local-repository path, else the file name. */
    private static String artifact(Path jar) {
        Path version = jar.getParent();
        Path artifact = version == null ? null : version.getParent();
        String path = jar.toString().replace('\\', '/');
        int repo = path.indexOf("/repository/");
        if (artifact == null || repo < 0) {
            return jar.getFileName().toString();
        }
        String group =
                path.substring(repo + "/repository/".length(), path.indexOf(artifact.getFileName() + "/" + version.getFileName()) - 1)
                        .replace('/', '.');
        return group + ":" + artifact.getFileName() + ":" + version.getFileName()
                + classifier(jar, artifact.getFileName() + "-" + version.getFileName());
    }

    private static String classifier(Path jar, String base) {
        String file = jar.getFileName().toString();
        String rest = file.substring(Math.min(file.length(), base.length()), file.length() - ".jar".length());
        return rest.startsWith("-") ? ":" + rest.substring(1) : "";
    }

    private static String prefix(String name, int depth) {
        String[] parts = name.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(depth, parts.length - 1); i++) {
            out.append(parts[i]).append('/');
        }
        return out.length() == 0 ? "(root files)" : out.toString();
    }

    private JarContents() {}
}
