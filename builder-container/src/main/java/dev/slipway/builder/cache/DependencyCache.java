package dev.slipway.builder.cache;

import dev.slipway.builder.context.BuildContext;
import dev.slipway.builder.detect.BuildPlan;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.process.BuildEnvironment;
import dev.slipway.builder.storage.Bucket;
import dev.slipway.builder.storage.StorageException;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The package manager's download cache, kept in the bucket at {@code cache/<project>/<key>.tar.gz}
 * between builds. The key is the lockfile's hash, the Node major version and the package manager,
 * so a cache is only ever reused for exactly the same dependencies. A missing or corrupt cache is
 * ignored with a warning; {@code BUILD_CACHE=false} turns it off.
 */
public final class DependencyCache {

    /** The folders (under the build's home) where each package manager keeps its downloads. */
    static final List<String> CACHED_FOLDERS =
            List.of(
                    ".npm/_cacache",
                    ".cache/yarn",
                    ".yarn/berry/cache",
                    ".local/share/pnpm/store",
                    ".cache/pnpm");

    private final boolean enabled;
    private final BuildPlan plan;
    private final Bucket bucket;
    private final Slug project;
    private final Path home;
    private final BuildEnvironment environment;
    private final Path scratch;
    private final BuildLog log;
    private @Nullable String key;
    private boolean restored;

    /** The package manager's cache of the context's project, for this plan's lockfile. */
    public DependencyCache(BuildContext context, BuildPlan plan, BuildEnvironment environment) {
        this(
                context.config().cacheEnabled(),
                plan,
                context.bucket(),
                context.config().project(),
                context.homeDirectory(),
                environment,
                context.workDirectory().resolve("cache"),
                context.log());
    }

    DependencyCache(
            boolean enabled,
            BuildPlan plan,
            Bucket bucket,
            Slug project,
            Path home,
            BuildEnvironment environment,
            Path scratch,
            BuildLog log) {
        this.enabled = enabled;
        this.plan = plan;
        this.bucket = bucket;
        this.project = project;
        this.home = home;
        this.environment = environment;
        this.scratch = scratch;
        this.log = log;
    }

    /** Restores the cache for this lockfile and Node version, if there is one. */
    public void restore() {
        if (plan.installCommand() == null || plan.isStatic()) {
            return;
        }
        if (!enabled) {
            log.info(Phase.INSTALL, "Dependency cache: off (BUILD_CACHE=false)");
            return;
        }
        if (plan.lockfile() == null) {
            log.info(
                    Phase.INSTALL,
                    "Dependency cache: none without a lockfile (commit one for faster, repeatable installs)");
            return;
        }
        Optional<String> k = key();
        if (k.isEmpty()) {
            return;
        }
        key = k.get();
        String objectKey = StorageLayout.cache(project, key, "tar.gz");
        Path archive = scratch.resolve(key + ".tar.gz");
        try {
            Files.createDirectories(scratch);
            long started = System.nanoTime();
            if (!bucket.download(objectKey, archive)) {
                log.info(
                        Phase.INSTALL,
                        "Dependency cache: none yet for "
                                + key
                                + " (a cold install; it is saved afterwards)");
                return;
            }
            long size = Files.size(archive);
            int entries = CacheArchive.extract(archive, home, CACHED_FOLDERS);
            restored = true;
            log.info(
                    Phase.INSTALL,
                    String.format(
                            "Dependency cache: restored %s (%d %s, %s) in %.1f s",
                            key,
                            entries,
                            entries == 1 ? "entry" : "entries",
                            size(size),
                            (System.nanoTime() - started) / 1e9));
        } catch (StorageException
                | IOException
                | UncheckedIOException
                | IllegalArgumentException e) {
            log.warn(
                    Phase.INSTALL,
                    "Dependency cache "
                            + key
                            + " could not be restored ("
                            + e.getMessage()
                            + "); installing without it");
            CacheArchive.deleteQuietly(home, CACHED_FOLDERS);
        } finally {
            deleteQuietly(archive);
        }
    }

    /** Saves the cache after a successful install, when there was none for this key. */
    public void save() {
        if (key == null || restored || !enabled) {
            return;
        }
        Path archive = scratch.resolve(key + ".upload.tar.gz");
        try {
            if (bucket.exists(StorageLayout.cache(project, key, "tar.gz"))) {
                return;
            }
            long started = System.nanoTime();
            int entries = CacheArchive.create(home, CACHED_FOLDERS, archive);
            if (entries == 0) {
                log.info(
                        Phase.INSTALL,
                        "Dependency cache: the package manager cached nothing; nothing to save");
                return;
            }
            long size = Files.size(archive);
            bucket.putFile(
                    StorageLayout.cache(project, key, "tar.gz"), archive, size, "application/gzip");
            log.info(
                    Phase.INSTALL,
                    String.format(
                            "Dependency cache: saved %s (%s) in %.1f s",
                            key, size(size), (System.nanoTime() - started) / 1e9));
        } catch (StorageException | IOException | UncheckedIOException e) {
            log.warn(
                    Phase.INSTALL,
                    "Dependency cache could not be saved ("
                            + e.getMessage()
                            + "); the next build installs without it");
        } finally {
            deleteQuietly(archive);
        }
    }

    private Optional<String> key() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(plan.lockfile()));
            String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 24);
            Optional<String> node = nodeMajor();
            if (node.isEmpty()) {
                log.warn(
                        Phase.INSTALL,
                        "Dependency cache: skipped, `node --version` did not answer");
                return Optional.empty();
            }
            String manager =
                    plan.managerChoice() != null
                            ? plan.managerChoice().cacheKeyPart()
                            : plan.packageManager()
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-');
            return Optional.of(manager + "-node" + node.get() + "-" + hash);
        } catch (IOException e) {
            log.warn(
                    Phase.INSTALL,
                    "Dependency cache: skipped, cannot read the lockfile (" + e.getMessage() + ")");
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<String> nodeMajor() {
        try {
            // Through sh, so the build's PATH (a provisioned Node first) finds node, not the
            // builder's.
            ProcessBuilder pb =
                    new ProcessBuilder("sh", "-c", "node --version").redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(environment.forInstall());
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(200), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String major = out.replaceFirst("^v", "").split("\\.")[0];
            return major.matches("\\d+") ? Optional.of(major) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A scratch file; the working folder is removed at the end anyway.
            org.slf4j.LoggerFactory.getLogger(DependencyCache.class)
                    .debug("Cannot delete {}", file, e);
        }
    }

    /** A size as people read it: 512 B, 3.4 KiB, 12.0 MiB (never "0.0 MiB"). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
