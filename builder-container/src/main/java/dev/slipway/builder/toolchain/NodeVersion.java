package dev.slipway.builder.toolchain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Node release's version, {@code 22.23.5}: three numbers and, for the few odd entries in the
 * registry ({@code 4.1.0-pkg1}), a pre-release tag, which keeps it out of every choice.
 */
public record NodeVersion(int major, int minor, int patch, @Nullable String preRelease)
        implements Comparable<NodeVersion> {

    private static final Pattern VERSION =
            Pattern.compile(
                    "^v?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:-([0-9A-Za-z.-]+))?(?:\\+.*)?$");

    public NodeVersion(int major, int minor, int patch) {
        this(major, minor, patch, null);
    }

    /** Parses {@code 22.23.5} or {@code v22.23.5}; empty for anything else. */
    public static Optional<NodeVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new NodeVersion(
                        Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)),
                        m.group(4)));
    }

    /** Whether this is a plain release (no pre-release tag). */
    public boolean isRelease() {
        return preRelease == null;
    }

    @Override
    public int compareTo(NodeVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c == 0 && !java.util.Objects.equals(preRelease, o.preRelease)) {
            // A release sorts after its pre-releases.
            c =
                    preRelease == null
                            ? 1
                            : o.preRelease == null ? -1 : preRelease.compareTo(o.preRelease);
        }
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    }
}
