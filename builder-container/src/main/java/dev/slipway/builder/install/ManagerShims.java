package dev.slipway.builder.install;

import dev.slipway.builder.detect.ManagerChoice;
import dev.slipway.builder.detect.PackageManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the chosen package manager on the build's {@code PATH} with only Node installed: a {@code
 * pnpm} or {@code yarn} script that runs it through corepack (which ships with Node) at the chosen
 * version, or with Node from the repository's own Yarn release ({@code yarnPath}). Install and
 * build commands, and scripts that call the manager themselves, then find it under its usual name.
 */
public final class ManagerShims {

    private ManagerShims() {}

    /**
     * Writes the shims into {@code binDirectory} when the manager needs one.
     *
     * @return the folder to put first on {@code PATH}, or empty for npm
     */
    public static Optional<Path> write(ManagerChoice choice, Path binDirectory) {
        if (choice == null || !choice.needsShim()) {
            return Optional.empty();
        }
        String name = choice.manager() == PackageManager.PNPM ? "pnpm" : "yarn";
        String target =
                choice.yarnPath() != null
                        ? "node " + quote(choice.yarnPath().toString())
                        : "corepack "
                                + name
                                + (choice.version() == null ? "" : "@" + choice.version());
        String script = "#!/bin/sh\nexec " + target + " \"$@\"\n";
        try {
            Files.createDirectories(binDirectory);
            Path shim = binDirectory.resolve(name);
            Files.writeString(shim, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (choice.manager() == PackageManager.PNPM) {
                Path pnpx = binDirectory.resolve("pnpx");
                Files.writeString(
                        pnpx,
                        "#!/bin/sh\nexec corepack pnpx"
                                + (choice.version() == null ? "" : "@" + choice.version())
                                + " \"$@\"\n",
                        StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(pnpx, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(binDirectory);
    }

    /**
     * What corepack needs to fetch managers from the npm registry without asking: no prompt, no
     * strict check against {@code packageManager} (the shim names the version), Yarn 2+ from the
     * npm registry too (repo.yarnpkg.com is often unreachable from build networks), its cache under
     * {@code cacheDirectory} (the host's proxy and CA variables come with every build's {@code
     * BuildEnvironment}), and signature checks off: corepack 0.34 (Node 20) ships signing keys the
     * registry no longer signs with, so every download would fail (see
     * docs/decisions/0005-package-managers-through-corepack.md); the download still comes over
     * HTTPS from the registry.
     */
    public static Map<String, String> corepackEnvironment(Path cacheDirectory) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COREPACK_ENABLE_DOWNLOAD_PROMPT", "0");
        env.put("COREPACK_ENABLE_STRICT", "0");
        env.put("COREPACK_ENABLE_AUTO_PIN", "0");
        env.put("COREPACK_NPM_REGISTRY", "https://registry.npmjs.org");
        env.put("COREPACK_INTEGRITY_KEYS", "0");
        env.put("COREPACK_HOME", cacheDirectory.toString());
        return env;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
