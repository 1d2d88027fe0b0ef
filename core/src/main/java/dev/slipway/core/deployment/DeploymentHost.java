package dev.slipway.core.deployment;

import dev.slipway.core.project.Slug;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host label of one deployment (contract section 3): {@code <project>--<id10>}, where {@code
 * id10} is the last ten characters of the deployment's ULID in lower case (the random part: the
 * first characters are its time and collide within a second). Every READY deployment, live or not,
 * is served for good at {@code <project>--<id10>.<baseDomain>}.
 */
public record DeploymentHost(Slug project, String id10) {

    /** The separator between project and id; slugs never contain it. */
    public static final String SEPARATOR = "--";

    private static final Pattern ID10 = Pattern.compile("^[0-9a-hjkmnp-tv-z]{10}$");

    public DeploymentHost {
        if (!ID10.matcher(id10).matches()) {
            throw new IllegalArgumentException(
                    "A deployment host ends in the last ten characters of the deployment id, in"
                            + " lower case: "
                            + id10);
        }
    }

    public static DeploymentHost of(Slug project, DeploymentId id) {
        return new DeploymentHost(project, id10(id));
    }

    /** The last ten characters of {@code id}, lower case. */
    public static String id10(DeploymentId id) {
        String v = id.value();
        return v.substring(v.length() - 10).toLowerCase(Locale.ROOT);
    }

    /** Parses a host label such as {@code demo--7k2m9qwert}; empty when it is not one. */
    public static Optional<DeploymentHost> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        int cut = label.lastIndexOf(SEPARATOR);
        if (cut <= 0) {
            return Optional.empty();
        }
        String project = label.substring(0, cut);
        String id10 = label.substring(cut + SEPARATOR.length());
        if (!Slug.isValid(project) || !ID10.matcher(id10).matches()) {
            return Optional.empty();
        }
        return Optional.of(new DeploymentHost(Slug.of(project), id10));
    }

    /** Whether {@code id} is the deployment this host names (its project is checked elsewhere). */
    public boolean matches(DeploymentId id) {
        return id10(id).equals(id10);
    }

    /** The label, {@code <project>--<id10>}. */
    public String label() {
        return project.value() + SEPARATOR + id10;
    }

    @Override
    public String toString() {
        return label();
    }
}
