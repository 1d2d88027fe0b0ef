package dev.slipway.builder.toolchain;

import dev.slipway.builder.config.Platform;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.outcome.Failure;
import dev.slipway.core.log.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The toolchain cache: one folder per Node release and platform, {@code
 * <root>/node/22.23.5-linux-x64/} with {@code bin/node}, {@code bin/npm}, {@code bin/npx}, {@code
 * bin/corepack} and {@code lib/node_modules/{npm,corepack}}. A release is downloaded from the
 * registry's platform package (which holds only the {@code node} binary), with the newest npm and
 * corepack whose {@code engines.node} accept it, each checked against its sha512; it is unpacked
 * into a temporary folder and renamed into place, so a folder in the cache is always whole, and
 * later builds reuse it.
 */
final class NodeInstaller {

    private static final Set<PosixFilePermission> EXECUTABLE =
            PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE =
            PosixFilePermissions.fromString("rw-r--r--");
    private static final Duration STALE_PARTIAL = Duration.ofHours(1);

    private final Path nodeRoot;
    private final Platform platform;
    private final NpmRegistry registry;
    private final BuildLog log;
    private final BooleanSupplier canceled;
    private final Pattern folderName;

    NodeInstaller(
            Path toolchains,
            Platform platform,
            NpmRegistry registry,
            BuildLog log,
            BooleanSupplier canceled) {
        this.nodeRoot = toolchains.resolve("node");
        this.platform = platform;
        this.registry = registry;
        this.log = log;
        this.canceled = canceled;
        this.folderName =
                Pattern.compile(
                        "^(\\d+\\.\\d+\\.\\d+)-" + Pattern.quote(platform.toString()) + "$");
    }

    /** The releases already in the cache for this platform. */
    List<NodeVersion> cached() {
        if (!Files.isDirectory(nodeRoot)) {
            return List.of();
        }
        List<NodeVersion> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(nodeRoot)) {
            list.forEach(
                    dir -> {
                        Matcher m = folderName.matcher(dir.getFileName().toString());
                        if (m.matches() && Files.isExecutable(dir.resolve("bin").resolve("node"))) {
                            NodeVersion.parse(m.group(1)).ifPresent(out::add);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The cache folder of {@code version}'s {@code bin}. */
    Path bin(NodeVersion version) {
        return folder(version).resolve("bin");
    }

    /**
     * Makes sure {@code version} is in the cache, downloading it with npm and corepack if needed.
     *
     * @return the {@code bin} folder
     */
    Path install(NodeVersion version, NpmRegistry.Release node)
            throws NpmRegistry.UnreachableException, NpmRegistry.IntegrityException {
        Path folder = folder(version);
        if (Files.isExecutable(folder.resolve("bin").resolve("node"))) {
            log.info(
                    Phase.INSTALL,
                    "Node " + version + " from the toolchain cache (" + folder + ")");
            return folder.resolve("bin");
        }
        long started = System.nanoTime();
        Package npm = companion("npm", version);
        Package corepack = companion("corepack", version);
        try {
            Files.createDirectories(nodeRoot);
            removeStalePartials();
            Path partial =
                    nodeRoot.resolve(".partial-" + folder.getFileName() + "-" + UUID.randomUUID());
            Files.createDirectories(partial);
            try {
                unpack(new Package(platform.packageName(), version, node), partial);
                unpack(npm, partial.resolve("lib/node_modules/npm"));
                unpack(corepack, partial.resolve("lib/node_modules/corepack"));
                writeLauncher(partial, "npm", "npm/bin/npm-cli.js");
                writeLauncher(partial, "npx", "npm/bin/npx-cli.js");
                writeLauncher(partial, "corepack", "corepack/dist/corepack.js");
                try {
                    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // Another build put the same release there first: use that one.
                    log.info(
                            Phase.INSTALL,
                            "Node " + version + " was cached meanwhile by another build; using it");
                }
            } finally {
                deleteRecursively(partial);
            }
        } catch (IOException e) {
            throw Failure.infrastructure(
                    "Node "
                            + version
                            + " could not be unpacked into the toolchain cache "
                            + nodeRoot
                            + " ("
                            + e
                            + "): free some space there, or set SLIPWAY_TOOLCHAINS to a writable"
                            + " folder.",
                    e);
        }
        log.info(
                Phase.INSTALL,
                String.format(
                        "Node %s unpacked into %s in %.1f s",
                        version, folder, (System.nanoTime() - started) / 1e9));
        return folder.resolve("bin");
    }

    private Path folder(NodeVersion version) {
        return nodeRoot.resolve(version + "-" + platform);
    }

    /** The newest release of npm or corepack that declares it runs on {@code node}. */
    private Package companion(String name, NodeVersion node)
            throws NpmRegistry.UnreachableException {
        Map<NodeVersion, NpmRegistry.Release> versions = registry.versions(name);
        Optional<Map.Entry<NodeVersion, NpmRegistry.Release>> best =
                versions.entrySet().stream()
                        .filter(e -> e.getKey().isRelease() && !e.getValue().deprecated())
                        .filter(e -> accepts(e.getValue().enginesNode(), node))
                        .max(Map.Entry.comparingByKey());
        if (best.isEmpty()) {
            throw new NpmRegistry.UnreachableException(
                    "the registry "
                            + registry.base()
                            + " lists no "
                            + name
                            + " release for Node "
                            + node,
                    null);
        }
        return new Package(name, best.get().getKey(), best.get().getValue());
    }

    /** One release of a registry package. */
    private record Package(String name, NodeVersion version, NpmRegistry.Release release) {}

    private static boolean accepts(@Nullable String engines, NodeVersion node) {
        if (engines == null || engines.isBlank()) {
            return false;
        }
        try {
            return VersionRange.parse(engines).includes(node);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Downloads one package, checks it, and unpacks its {@code package/} folder into {@code
     * target}.
     */
    private void unpack(Package p, Path target)
            throws IOException, NpmRegistry.UnreachableException, NpmRegistry.IntegrityException {
        Path tarball = nodeRoot.resolve(".download-" + UUID.randomUUID() + ".tgz");
        try {
            log.info(
                    Phase.INSTALL,
                    "Downloading "
                            + p.name()
                            + "@"
                            + p.version()
                            + " from "
                            + p.release().tarball());
            long size = registry.download(p.release(), tarball, canceled);
            log.info(
                    Phase.INSTALL,
                    String.format(
                            java.util.Locale.ROOT,
                            "Downloaded %s@%s (%.1f MiB); its sha512 matches the registry's",
                            p.name(),
                            p.version(),
                            size / (1024.0 * 1024)));
            extract(tarball, target);
        } finally {
            Files.deleteIfExists(tarball);
        }
    }

    /** Unpacks a package tarball's regular files (under its first folder) into {@code target}. */
    static void extract(Path tarball, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (InputStream file = Files.newInputStream(tarball);
                TarArchiveInputStream tar =
                        new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = entry.getName().replace('\\', '/');
                int slash = name.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                Path out = root.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    throw new IOException("the package has an entry outside its folder: " + name);
                }
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(
                        out, (entry.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
            }
        }
    }

    /** {@code bin/<name>}: runs the script under {@code lib/node_modules} with this Node. */
    private static void writeLauncher(Path folder, String name, String script) throws IOException {
        Path bin = folder.resolve("bin");
        Files.createDirectories(bin);
        Path launcher = bin.resolve(name);
        Files.writeString(
                launcher,
                "#!/bin/sh\n"
                        + "dir=$(dirname \"$0\")\n"
                        + "exec \"$dir/node\" \"$dir/../lib/node_modules/"
                        + script
                        + "\" \"$@\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, EXECUTABLE);
    }

    /** Leftovers of builds killed while unpacking. */
    private void removeStalePartials() throws IOException {
        Instant cutoff = Instant.now().minus(STALE_PARTIAL);
        try (Stream<Path> list = Files.list(nodeRoot)) {
            for (Path p : list.toList()) {
                String n = p.getFileName().toString();
                if ((n.startsWith(".partial-") || n.startsWith(".download-"))
                        && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    deleteRecursively(p);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
