package dev.slipway.testing;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place that decides what a missing test peer means (a program a test runs beside it:
 * {@code moto_server}, {@code cfn-lint}, {@code node}, {@code npm}, or the npm registry): on a
 * developer's machine the test is skipped, saying so on the console; on CI the test fails, because
 * CI must run every test. CI is the environment variable {@code CI} set to anything but {@code
 * false} or {@code 0} ({@code .ci/run} sets {@code CI=true}), or the system property {@value
 * #CI_PROPERTY}{@code =true}.
 */
public final class Peers {

    /** The system property that marks a CI run, for a runner that does not set {@code CI}. */
    public static final String CI_PROPERTY = "slipway.ci";

    private Peers() {}

    /** True when this run is CI, where a missing peer fails instead of skipping. */
    public static boolean onCi() {
        if (Boolean.parseBoolean(System.getProperty(CI_PROPERTY))) {
            return true;
        }
        return isSet(System.getenv("CI"));
    }

    static boolean isSet(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !v.equals("false") && !v.equals("0") && !v.equals("no");
    }

    /**
     * The executable {@code name} on {@code PATH}; when it is missing, skips the calling test (off
     * CI) or fails it (on CI).
     *
     * @param install how to get it, e.g. {@code "pip install 'moto[server]'"}
     * @param notChecked what is left unchecked without it, e.g. {@code "the ECS launcher"}
     */
    public static Path require(String name, String install, String notChecked) {
        Optional<Path> found = onPath(name);
        if (found.isEmpty()) {
            missing(name + " is not on PATH (" + install + ")", notChecked);
        }
        return found.orElseThrow();
    }

    /**
     * Skips the calling test (off CI) or fails it (on CI) because {@code why}; {@code notChecked}
     * says what stays unchecked. Never returns.
     */
    public static void missing(String why, String notChecked) {
        if (onCi()) {
            Assertions.fail(
                    why
                            + ": on CI every test must run, so this fails instead of skipping ("
                            + notChecked
                            + " would go unchecked).");
        }
        String message = "SKIPPED: " + why + ", so " + notChecked + " was not checked.";
        console().println("[slipway] " + message);
        Assumptions.abort(message);
    }

    /** {@code name} in a folder of {@code PATH}, when it is an executable file there. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The process's own standard error, not the one Surefire redirects to {@code *-output.txt}: a
     * skip is said where the person running the tests sees it.
     */
    private static PrintStream console() {
        return new PrintStream(
                new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }
}
