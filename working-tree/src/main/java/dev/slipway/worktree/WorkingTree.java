package dev.slipway.worktree;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

/**
 * A folder's files as they are on disk, for a deploy without Git (contract section 4, {@code
 * sources/}): every regular file except what {@code .gitignore} files exclude, {@code .git}, {@code
 * node_modules} and {@code .slipway}. The same rules decide what the local builder copies and what
 * the launcher archives for AWS.
 */
public final class WorkingTree {

    /** Folders never taken, whatever the ignore files say. */
    static final Set<String> ALWAYS_SKIPPED = Set.of(".git", "node_modules", ".slipway");

    private final Path root;

    public WorkingTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A file of the tree: its '/'-separated path from the root and its size. */
    public record Entry(String path, long size) {}

    private record Rules(Path dir, IgnoreNode node) {}

    /** The files to deploy, sorted by path; symbolic links are not followed. */
    public List<Entry> files() throws IOException {
        List<Entry> out = new ArrayList<>();
        walk(root, new ArrayDeque<>(), out);
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    private void walk(Path dir, Deque<Rules> rules, List<Entry> out) throws IOException {
        Path ignoreFile = dir.resolve(".gitignore");
        boolean pushed = false;
        if (Files.isRegularFile(ignoreFile, LinkOption.NOFOLLOW_LINKS)) {
            IgnoreNode node = new IgnoreNode();
            try (InputStream in = Files.newInputStream(ignoreFile)) {
                node.parse(in);
            }
            rules.push(new Rules(dir, node));
            pushed = true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            List<Path> sorted = new ArrayList<>();
            entries.forEach(sorted::add);
            for (Path p : sorted) {
                boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                String name = p.getFileName().toString();
                if (isDir && ALWAYS_SKIPPED.contains(name)) {
                    continue;
                }
                if (ignored(p, isDir, rules)) {
                    continue;
                }
                if (isDir) {
                    walk(p, rules, out);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new Entry(relative(p), Files.size(p)));
                }
            }
        } finally {
            if (pushed) {
                rules.pop();
            }
        }
    }

    /** Git's rule: the nearest ignore file with a matching pattern decides. */
    private static boolean ignored(Path p, boolean isDir, Deque<Rules> rules) {
        for (Rules r : rules) {
            String path = r.dir().relativize(p).toString().replace('\\', '/');
            Boolean result = r.node().checkIgnored(path, isDir);
            if (result != null) {
                return result;
            }
        }
        return false;
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** Copies the files of {@link #files()} to {@code target}, which must not exist yet. */
    public List<Entry> copyTo(Path target) throws IOException {
        List<Entry> files = files();
        Files.createDirectories(target);
        for (Entry e : files) {
            Path to = target.resolve(e.path());
            Files.createDirectories(to.getParent());
            Files.copy(root.resolve(e.path()), to);
        }
        return files;
    }

    /** Writes the files of {@link #files()} to a {@code .tar.gz}. */
    public List<Entry> archiveTo(Path archive) throws IOException {
        List<Entry> files = files();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(archive));
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry e : files) {
                Path file = root.resolve(e.path());
                TarArchiveEntry entry = new TarArchiveEntry(e.path());
                entry.setSize(e.size());
                entry.setMode(Files.isExecutable(file) ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        return files;
    }

    /**
     * Unpacks a {@code .tar.gz} made by {@link #archiveTo} into {@code target}; an entry that would
     * land outside it, or a link, is refused.
     */
    public static int extract(Path archive, Path target) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        Files.createDirectories(base);
        int count = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                GzipCompressorInputStream gz = new GzipCompressorInputStream(raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path to = base.resolve(entry.getName()).normalize();
                if (!to.startsWith(base) || to.equals(base)) {
                    throw new IOException(
                            "The source archive has an entry outside its folder: "
                                    + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else if (entry.isFile()) {
                    Files.createDirectories(to.getParent());
                    Files.copy(tar, to);
                    if ((entry.getMode() & 0100) != 0) {
                        to.toFile().setExecutable(true, true);
                    }
                    count++;
                } else {
                    throw new IOException(
                            "The source archive has a link or special file, which is not taken: "
                                    + entry.getName());
                }
            }
        }
        return count;
    }

    /**
     * The files that differ from the last commit when the folder is a Git working tree (modified,
     * added, deleted or untracked and not ignored); empty for a folder without Git or a clean tree.
     */
    public Set<String> uncommittedChanges() throws IOException {
        if (RepositoryCache.FileKey.resolve(root.toFile(), FS.DETECTED) == null
                || !Files.exists(root.resolve(".git"))) {
            return Set.of();
        }
        try (Git git = Git.open(root.toFile())) {
            Status status = git.status().call();
            Set<String> changed = new TreeSet<>();
            changed.addAll(status.getModified());
            changed.addAll(status.getChanged());
            changed.addAll(status.getAdded());
            changed.addAll(status.getRemoved());
            changed.addAll(status.getMissing());
            changed.addAll(status.getUntracked());
            return changed;
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(
                    "Cannot read the Git status of " + root + ": " + e.getMessage(), e);
        }
    }
}
