package dev.slipway.builder.upload;

import dev.slipway.builder.config.Limits;
import dev.slipway.builder.config.Setting;
import dev.slipway.builder.outcome.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lists the files of the output folder that will be published: regular files only, each link
 * checked so that nothing outside the folder can ever reach the bucket. A link to a file or folder
 * inside the output is published as its target's content; a link leading outside, a dangling link
 * and a loop fail the build naming the link. The limits are checked while walking.
 */
final class OutputScanner {

    private final Path root;
    private final String shownRoot;
    private final Set<String> skippedTopLevel;
    private final Limits limits;
    private final Consumer<String> warn;
    private final PrivateFiles privateFiles = new PrivateFiles();

    /**
     * @param shownRoot the folder as the person knows it, for messages ({@code dist/})
     * @param skippedTopLevel names left out at the top (the {@code .git} folder of a static site)
     */
    OutputScanner(
            Path root,
            String shownRoot,
            Set<String> skippedTopLevel,
            Limits limits,
            Consumer<String> warn) {
        this.root = root;
        this.shownRoot = shownRoot;
        this.skippedTopLevel = skippedTopLevel;
        this.limits = limits;
        this.warn = warn;
    }

    List<OutputFile> scan() {
        if (!Files.isDirectory(root)) {
            throw Failure.build(
                    "The build produced no "
                            + shownRoot
                            + " folder: check the build command, or set "
                            + Setting.OUTPUT_DIRECTORY.both()
                            + " to where it writes the site.");
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<OutputFile> files = new ArrayList<>();
        java.util.Map<String, String> served = new java.util.HashMap<>();
        long[] total = {0};
        try {
            Files.walkFileTree(
                    root,
                    EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                    Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attrs) throws IOException {
                            if (!dir.equals(root)
                                    && root.equals(dir.getParent())
                                    && skippedTopLevel.contains(dir.getFileName().toString())) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (!dir.equals(root) && privateFiles.leaveOut(relative(dir), true)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            checkLink(dir, realRoot);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            String rel = relative(file);
                            if (privateFiles.leaveOut(rel, false)) {
                                return FileVisitResult.CONTINUE;
                            }
                            Path source = checkLink(file, realRoot);
                            if (!attrs.isRegularFile()) {
                                warn.accept("Skipping " + rel + ": not a regular file");
                                return FileVisitResult.CONTINUE;
                            }
                            if (attrs.size() > limits.maxFileBytes()) {
                                throw Failure.build(
                                        rel
                                                + " is "
                                                + mib(attrs.size())
                                                + "; a file may be at most "
                                                + mib(limits.maxFileBytes())
                                                + ": make it smaller or serve it from elsewhere.");
                            }
                            String raw = root.relativize(file).toString();
                            String other = served.putIfAbsent(rel, raw);
                            if (other != null) {
                                throw Failure.build(
                                        "The output has both "
                                                + other
                                                + " and "
                                                + raw
                                                + ", which would be served at the same path "
                                                + rel
                                                + ": rename one of them (a '\\' in a file name reads as a folder separator).");
                            }
                            files.add(new OutputFile(rel, source, attrs.size()));
                            total[0] += attrs.size();
                            if (files.size() > limits.maxFiles()) {
                                throw Failure.build(
                                        "The output "
                                                + shownRoot
                                                + " has more than "
                                                + limits.maxFiles()
                                                + " files, the most one deployment may hold: leave out what the site does not serve.");
                            }
                            if (total[0] > limits.maxTotalBytes()) {
                                throw Failure.build(
                                        "The output "
                                                + shownRoot
                                                + " holds more than "
                                                + mib(limits.maxTotalBytes())
                                                + ", the most one deployment may hold: leave out what the site does not serve.");
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e)
                                throws IOException {
                            if (e instanceof FileSystemLoopException
                                    || (!(e instanceof NoSuchFileException)
                                            && Files.isSymbolicLink(file))) {
                                throw Failure.build(
                                        "The link "
                                                + relative(file)
                                                + " in "
                                                + shownRoot
                                                + " makes a loop (it leads to "
                                                + target(file)
                                                + "): remove it.");
                            }
                            if (e instanceof NoSuchFileException && Files.isSymbolicLink(file)) {
                                throw Failure.build(
                                        "The link "
                                                + relative(file)
                                                + " in "
                                                + shownRoot
                                                + " points to "
                                                + target(file)
                                                + ", which does not exist: remove it or fix its target.");
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw Failure.build("Cannot read the output " + shownRoot + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw Failure.build(
                    "The build produced no files in "
                            + shownRoot
                            + ": check that the build writes the site there, or set "
                            + Setting.OUTPUT_DIRECTORY.both()
                            + ".");
        }
        return files;
    }

    /** What {@link PrivateFiles} left out of the last scan. */
    List<String> leftOut() {
        return privateFiles.leftOut();
    }

    /** For a path reached through links, its real location, which must be inside the output. */
    private Path checkLink(Path path, Path realRoot) throws IOException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw Failure.build(
                    "The link "
                            + relative(path)
                            + " in "
                            + shownRoot
                            + " points to "
                            + target(path)
                            + ", which does not exist: remove it or fix its target.");
        }
        if (!real.startsWith(realRoot)) {
            throw Failure.build(
                    "The link "
                            + relative(path)
                            + " in "
                            + shownRoot
                            + " points to "
                            + target(path)
                            + ", outside the output folder; only files inside it are published: copy the file in instead of linking to it.");
        }
        return real;
    }

    private String target(Path link) {
        // The nearest link on the way, as written.
        for (Path p = link; p != null && p.startsWith(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                try {
                    return Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    return "an unreadable target";
                }
            }
        }
        try {
            return link.toRealPath(LinkOption.NOFOLLOW_LINKS).toString();
        } catch (IOException e) {
            return link.toString();
        }
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    static String mib(long bytes) {
        if (bytes >= 1024L * 1024 * 1024) {
            return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
