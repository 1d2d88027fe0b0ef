package dev.slipway.builder.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The folders of the app that hold an {@code index.html}, as they were before the build: after it,
 * {@link #writtenSince} names those the build created or changed, so a build that wrote its site
 * somewhere unexpected is still found. Dependencies, Git and the tools' hidden caches ({@code
 * .next}, {@code .svelte-kit}, …, which hold pages that are not the site) are not looked at; the
 * hidden output folders {@code .vitepress}, {@code .vuepress} and {@code .output} are.
 */
public final class SiteFolders {

    private static final int MAX_DEPTH = 6;
    private static final Set<String> SKIPPED = Set.of("node_modules", "bower_components");
    private static final Set<String> HIDDEN_OUTPUTS = Set.of(".vitepress", ".vuepress", ".output");

    private final Path app;
    private final Map<String, FileTime> indexes;

    private SiteFolders(Path app, Map<String, FileTime> indexes) {
        this.app = app;
        this.indexes = indexes;
    }

    /** The app folder's {@code index.html} files now. */
    public static SiteFolders snapshot(Path app) {
        return new SiteFolders(app, indexFiles(app));
    }

    /**
     * The folders, relative to the app ('/'-separated), whose {@code index.html} appeared or
     * changed since the snapshot, outermost first; a folder inside another one listed is left out,
     * since the outer one is the site. The app folder itself is never one: it holds the sources.
     */
    public List<String> writtenSince() {
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, FileTime> now : indexFiles(app).entrySet()) {
            FileTime before = indexes.get(now.getKey());
            boolean changed = before == null || !before.equals(now.getValue());
            if (changed && !now.getKey().isEmpty()) {
                written.add(now.getKey());
            }
        }
        written.sort(Comparator.comparingInt(SiteFolders::depth).thenComparing(s -> s));
        List<String> outermost = new ArrayList<>();
        for (String folder : written) {
            if (outermost.stream().noneMatch(outer -> inside(folder, outer))) {
                outermost.add(folder);
            }
        }
        return outermost;
    }

    /** The one to publish of {@link #writtenSince}: the preferred folder, else the outermost. */
    public Optional<String> writtenSince(List<String> preferred) {
        List<String> written = writtenSince();
        for (String p : preferred) {
            if (written.contains(p)) {
                return Optional.of(p);
            }
        }
        return written.stream().findFirst();
    }

    private static boolean inside(String folder, String outer) {
        return outer.isEmpty() || folder.startsWith(outer + "/");
    }

    private static int depth(String folder) {
        return folder.isEmpty() ? 0 : folder.split("/").length;
    }

    private static Map<String, FileTime> indexFiles(Path app) {
        Map<String, FileTime> found = new HashMap<>();
        try {
            Files.walkFileTree(
                    app,
                    Set.of(),
                    MAX_DEPTH + 1,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attrs) {
                            if (dir.equals(app)) {
                                return FileVisitResult.CONTINUE;
                            }
                            String name = dir.getFileName().toString();
                            boolean hidden = name.startsWith(".") && !HIDDEN_OUTPUTS.contains(name);
                            return hidden || SKIPPED.contains(name)
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile()
                                    && file.getFileName().toString().equals("index.html")) {
                                String folder =
                                        app.relativize(file.getParent())
                                                .toString()
                                                .replace('\\', '/');
                                found.put(folder, attrs.lastModifiedTime());
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
