package dev.slipway.core.deployment;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidFactory;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A deployment's id: a ULID (26 characters, Crockford base32, upper case), so ids sort by the time
 * they were made. Ids made in the same millisecond by one process still sort in creation order.
 */
public final class DeploymentId implements Comparable<DeploymentId> {

    /** 26 characters of Crockford base32; the first is at most 7 so the value fits 128 bits. */
    public static final Pattern PATTERN = Pattern.compile("^[0-7][0-9A-HJKMNP-TV-Z]{25}$");

    private static final UlidFactory FACTORY = UlidFactory.newMonotonicInstance();

    private final String value;

    private DeploymentId(String value) {
        this.value = value;
    }

    /** A new id, later than every id this process made before. */
    public static DeploymentId newId() {
        return new DeploymentId(FACTORY.create().toString());
    }

    /**
     * Parses an id.
     *
     * @throws IllegalArgumentException with a sentence saying what a deployment id looks like
     */
    public static DeploymentId of(String raw) {
        Optional<String> problem = problem(raw);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new DeploymentId(raw);
    }

    /** What is wrong with {@code raw} as a deployment id; empty when it is valid. */
    public static Optional<String> problem(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(
                    "A deployment id is missing: give the 26-character id that deploy printed.");
        }
        if (!PATTERN.matcher(raw).matches()) {
            return Optional.of(
                    String.format(
                            "'%s' is not a deployment id: ids are 26 upper-case letters and digits (a ULID) such"
                                    + " as 01JD3Y7M2Q8ZK4T6V9W0XBCDEF, as printed by deploy and list.",
                            raw.length() > 40 ? raw.substring(0, 40) + "…" : raw));
        }
        return Optional.empty();
    }

    public static boolean isValid(String raw) {
        return problem(raw).isEmpty();
    }

    /** When the id was made, to the millisecond. */
    public Instant createdAt() {
        return Ulid.from(value).getInstant();
    }

    public String value() {
        return value;
    }

    /** Whether this deployment was started after {@code other}. */
    public boolean isNewerThan(DeploymentId other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(DeploymentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeploymentId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
