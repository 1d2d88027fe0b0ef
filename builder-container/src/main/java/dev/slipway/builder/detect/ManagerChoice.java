package dev.slipway.builder.detect;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which package manager installs and builds the app, at which version, and why.
 *
 * @param manager the manager
 * @param version what corepack is asked for: an exact version ({@code 8.15.9}, from {@code
 *     packageManager}) or a major ({@code 8}, inferred from the lockfile); {@code null} for npm,
 *     which comes with Node
 * @param yarnPath the Yarn release the repository ships ({@code .yarnrc.yml}'s {@code yarnPath}),
 *     run with Node instead of a downloaded Yarn; {@code null} when there is none
 * @param lockfile the lockfile found, or {@code null}
 * @param reason why, in words, for the log ("from packageManager", "from pnpm-lock.yaml
 *     lockfileVersion 6.0")
 */
public record ManagerChoice(
        PackageManager manager, String version, Path yarnPath, Path lockfile, String reason) {

    /** The log line's words: {@code pnpm 8.15.9 from packageManager}. */
    public String describe() {
        String name = manager == PackageManager.YARN_BERRY ? "yarn" : manager.command();
        String v =
                yarnPath != null
                        ? " (the repository's " + yarnPath.getFileName() + ")"
                        : version == null ? "" : " " + version;
        return name + v + " " + reason;
    }

    /** Whether a shim must put this manager on {@code PATH} (everything but npm). */
    public boolean needsShim() {
        return manager != PackageManager.NPM;
    }

    /**
     * The lowest Node this manager's version runs on, when that is above Node 20 (the oldest line a
     * machine is likely to have): pnpm 11 needs Node 22.13 ({@code node:sqlite}) and stops with
     * {@code ERR_UNKNOWN_BUILTIN_MODULE} on Node 20. With no Node version asked, the Node step
     * provisions the current LTS when the machine's Node is below this.
     */
    public Optional<String> nodeMinimum() {
        if (manager == PackageManager.PNPM && version != null) {
            String major = version.replaceFirst("^(\\d+).*$", "$1");
            if (major.matches("\\d{1,4}") && Integer.parseInt(major) >= 11) {
                return Optional.of(">=22.13");
            }
        }
        return Optional.empty();
    }

    /** A part of the dependency cache key: the manager and its version. */
    public String cacheKeyPart() {
        String name = manager.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String v = version == null ? "" : version;
        return (name + v).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
