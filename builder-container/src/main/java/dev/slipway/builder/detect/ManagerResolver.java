package dev.slipway.builder.detect;

import dev.slipway.builder.outcome.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the package manager as Vercel and Netlify do: {@code packageManager} in package.json,
 * exactly, else the lockfile (pnpm's {@code lockfileVersion} gives its major; {@code yarn.lock} v1
 * is Yarn 1, a Berry lockfile Yarn 2+; a {@code .yarnrc.yml} {@code yarnPath} is used as the
 * repository ships it), else npm. Bun lockfiles fail with what to do: the builder runs Node.
 */
final class ManagerResolver {

    private static final Pattern PACKAGE_MANAGER =
            Pattern.compile("^(npm|pnpm|yarn|bun)@([0-9]+\\.[0-9]+\\.[0-9]+[^+]*)(\\+.*)?$");
    private static final Pattern PNPM_LOCK_VERSION =
            Pattern.compile("(?m)^lockfileVersion:\\s*['\"]?([0-9]+(?:\\.[0-9]+)?)['\"]?");
    private static final Pattern YARN_PATH =
            Pattern.compile("(?m)^yarnPath:\\s*['\"]?([^'\"\\s#]+)['\"]?");

    private final Path checkout;

    ManagerResolver(Path checkout) {
        this.checkout = checkout;
    }

    ManagerChoice resolve(Path appDir, String packageManagerField) {
        Optional<Path> lockDir = lockfileFolder(appDir);
        Path dir = lockDir.orElse(appDir);
        for (String bun : List.of("bun.lockb", "bun.lock")) {
            if (Files.isRegularFile(dir.resolve(bun))
                    && !Files.isRegularFile(dir.resolve("package-lock.json"))
                    && !Files.isRegularFile(dir.resolve("pnpm-lock.yaml"))
                    && !Files.isRegularFile(dir.resolve("yarn.lock"))) {
                throw Failure.build(
                        relative(dir.resolve(bun))
                                + " is a Bun lockfile, and Slipway builds with Node: commit a"
                                + " package-lock.json (run 'npm install'), or set --install-command"
                                + " and --build-command to npm commands.");
            }
        }
        Path yarnPath = yarnPath(dir);
        if (packageManagerField != null && !packageManagerField.isBlank()) {
            return fromField(packageManagerField.strip(), dir, yarnPath);
        }
        Path pnpm = dir.resolve("pnpm-lock.yaml");
        Path yarn = dir.resolve("yarn.lock");
        Path npm = dir.resolve("package-lock.json");
        Path shrinkwrap = dir.resolve("npm-shrinkwrap.json");
        if (Files.isRegularFile(pnpm)) {
            String lockVersion = matchFirst(PNPM_LOCK_VERSION, read(pnpm)).orElse(null);
            String major = pnpmMajor(lockVersion);
            // pnpm 9 refuses a pnpm-workspace.yaml without packages; pnpm 10 reads its settings
            // there.
            Path workspace = dir.resolve("pnpm-workspace.yaml");
            boolean settingsOnly =
                    major.equals("9")
                            && Files.isRegularFile(workspace)
                            && !Pattern.compile("(?m)^packages\\s*:")
                                    .matcher(read(workspace))
                                    .find();
            return new ManagerChoice(
                    PackageManager.PNPM,
                    settingsOnly ? "10" : major,
                    null,
                    pnpm,
                    "from "
                            + relative(pnpm)
                            + (lockVersion == null ? "" : " lockfileVersion " + lockVersion)
                            + (settingsOnly
                                    ? " and "
                                            + relative(workspace)
                                            + " without packages (settings only, as pnpm 10 allows)"
                                    : ""));
        }
        if (Files.isRegularFile(yarn)) {
            boolean berry = read(yarn).contains("__metadata:");
            if (berry || yarnPath != null) {
                return new ManagerChoice(
                        PackageManager.YARN_BERRY,
                        yarnPath == null ? "4" : null,
                        yarnPath,
                        yarn,
                        "from " + relative(yarn) + " (a Yarn 2+ lockfile)");
            }
            return new ManagerChoice(
                    PackageManager.YARN, "1", null, yarn, "from " + relative(yarn) + " (v1)");
        }
        if (Files.isRegularFile(npm)) {
            return new ManagerChoice(PackageManager.NPM, null, null, npm, "from " + relative(npm));
        }
        if (Files.isRegularFile(shrinkwrap)) {
            return new ManagerChoice(
                    PackageManager.NPM, null, null, shrinkwrap, "from " + relative(shrinkwrap));
        }
        return new ManagerChoice(
                PackageManager.NPM,
                null,
                null,
                null,
                "(no lockfile, so dependencies are resolved afresh)");
    }

    private ManagerChoice fromField(String field, Path dir, Path yarnPath) {
        Matcher m = PACKAGE_MANAGER.matcher(field);
        if (!m.matches()) {
            throw Failure.badInput(
                    "package.json's packageManager is '"
                            + field
                            + "': write it as name@version, such as \"pnpm@8.15.9\" or"
                            + " \"yarn@4.5.0\".");
        }
        String name = m.group(1);
        String version = m.group(2);
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        String why = "from packageManager";
        return switch (name) {
            case "pnpm" ->
                    new ManagerChoice(
                            PackageManager.PNPM,
                            version,
                            null,
                            existing(dir, "pnpm-lock.yaml"),
                            why);
            case "yarn" ->
                    major >= 2
                            ? new ManagerChoice(
                                    PackageManager.YARN_BERRY,
                                    yarnPath == null ? version : null,
                                    yarnPath,
                                    existing(dir, "yarn.lock"),
                                    why)
                            : new ManagerChoice(
                                    PackageManager.YARN,
                                    version,
                                    null,
                                    existing(dir, "yarn.lock"),
                                    why);
            case "npm" ->
                    new ManagerChoice(
                            PackageManager.NPM,
                            null,
                            null,
                            Optional.ofNullable(existing(dir, "package-lock.json"))
                                    .orElse(existing(dir, "npm-shrinkwrap.json")),
                            "from packageManager (npm "
                                    + version
                                    + " asked; the npm of this Node is used)");
            default ->
                    throw Failure.build(
                            "package.json's packageManager asks for Bun, and Slipway builds with Node: set it"
                                    + " to an npm, pnpm or Yarn version, or set --install-command and"
                                    + " --build-command to npm commands.");
        };
    }

    /** pnpm's lockfile format by the majors that write it. */
    static String pnpmMajor(String lockVersion) {
        if (lockVersion == null) {
            return "9";
        }
        if (lockVersion.startsWith("9")) {
            return "9";
        }
        if (lockVersion.startsWith("6")) {
            return "8";
        }
        if (lockVersion.equals("5.4")) {
            return "7";
        }
        if (lockVersion.startsWith("5")) {
            return "6";
        }
        return "9";
    }

    /** Lockfiles sit in the app folder or, in a monorepo, in a folder above it. */
    private Optional<Path> lockfileFolder(Path appDir) {
        for (Path dir = appDir; dir != null && dir.startsWith(checkout); dir = dir.getParent()) {
            for (String name :
                    List.of(
                            "pnpm-lock.yaml",
                            "yarn.lock",
                            "package-lock.json",
                            "npm-shrinkwrap.json",
                            "bun.lockb",
                            "bun.lock")) {
                if (Files.isRegularFile(dir.resolve(name))) {
                    return Optional.of(dir);
                }
            }
        }
        return Optional.empty();
    }

    private Path yarnPath(Path dir) {
        Path rc = dir.resolve(".yarnrc.yml");
        if (!Files.isRegularFile(rc)) {
            return null;
        }
        Optional<String> configured = matchFirst(YARN_PATH, read(rc));
        if (configured.isEmpty()) {
            return null;
        }
        Path release = dir.resolve(configured.get()).normalize();
        if (!release.startsWith(checkout) || !Files.isRegularFile(release)) {
            throw Failure.badInput(
                    relative(rc)
                            + " sets yarnPath to "
                            + configured.get()
                            + ", which is not a file of the repository: commit that Yarn release"
                            + " or remove yarnPath.");
        }
        return release;
    }

    private static Path existing(Path dir, String name) {
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? p : null;
    }

    private static Optional<String> matchFirst(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path p) {
        return checkout.relativize(p).toString();
    }
}
