package dev.slipway.builder.cache;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Packs and unpacks the cache folders as a tar.gz. Only regular files and folders go in and come
 * out; an entry that would land outside the allowed folders is refused, so a tampered archive
 * cannot write anywhere else.
 */
final class CacheArchive {

    private CacheArchive() {}

    /** Packs the folders that exist under {@code home}; returns the number of files packed. */
    static int create(Path home, List<String> folders, Path archive) throws IOException {
        int[] count = {0};
        GzipParameters params = new GzipParameters();
        params.setCompressionLevel(1);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16);
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file, params);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String folder : folders) {
                Path dir = home.resolve(folder);
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Files.walkFileTree(
                        dir,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs)
                                    throws IOException {
                                if (attrs.isRegularFile()) {
                                    TarArchiveEntry entry =
                                            new TarArchiveEntry(
                                                    f.toFile(),
                                                    home.relativize(f)
                                                            .toString()
                                                            .replace('\\', '/'));
                                    tar.putArchiveEntry(entry);
                                    Files.copy(f, tar);
                                    tar.closeArchiveEntry();
                                    count[0]++;
                                }
                                return FileVisitResult.CONTINUE;
                            }
                        });
            }
        }
        return count[0];
    }

    /** Unpacks into {@code home}; returns the number of files. */
    static int extract(Path archive, Path home, List<String> folders) throws IOException {
        Path root = home.toAbsolutePath().normalize();
        int count = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                GzipCompressorInputStream gz = new GzipCompressorInputStream(file);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                Path target = root.resolve(name).normalize();
                boolean allowed =
                        target.startsWith(root)
                                && folders.stream()
                                        .anyMatch(f -> target.startsWith(root.resolve(f)));
                if (!allowed) {
                    throw new IllegalArgumentException(
                            "the archive holds " + name + ", outside the cache folders");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    count++;
                }
            }
        }
        return count;
    }

    /** Removes a half-restored cache. */
    static void deleteQuietly(Path home, List<String> folders) {
        for (String folder : folders) {
            Path dir = home.resolve(folder);
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(CacheArchive.class)
                        .warn("Cannot remove {}", dir, e);
            }
        }
    }
}
