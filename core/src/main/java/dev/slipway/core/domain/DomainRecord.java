package dev.slipway.core.domain;

import dev.slipway.core.project.Slug;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A custom domain of a project, stored at {@code domains/<host>.json} (contract section 4): {@code
 * {"host":"www.example.com","project":"demo"}}. The proxy serves the project's live deployment on
 * that host.
 */
public record DomainRecord(String host, String project) {

    private static final Pattern HOST =
            Pattern.compile(
                    "^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

    public DomainRecord {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(project, "project");
    }

    public Slug slug() {
        return Slug.of(project);
    }

    /**
     * Normalizes a host name as typed (case, a trailing dot, a port) and checks it; the problem is
     * a sentence saying what to type.
     */
    public static String normalizeHost(String raw) {
        Optional<String> problem = hostProblem(raw);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return clean(raw);
    }

    /** What is wrong with {@code raw} as a custom domain; empty when it is valid. */
    public static Optional<String> hostProblem(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("Give a host name such as www.example.com.");
        }
        String host = clean(raw);
        if (!HOST.matcher(host).matches()) {
            return Optional.of(
                    "'"
                            + raw.strip()
                            + "' is not a host name: give one such as www.example.com, without"
                            + " http:// or a path.");
        }
        return Optional.empty();
    }

    private static String clean(String raw) {
        String host = raw.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf("://") < 0) {
            host = host.substring(0, colon);
        }
        return host;
    }
}
