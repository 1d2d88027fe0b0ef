package dev.slipway.proxy.routing;

import dev.slipway.core.project.Slug;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the project from the {@code Host} header: {@code <project>.<baseDomain>[:port]}, case
 * insensitive, with an optional trailing dot. Anything else (no host, another domain, a nested
 * subdomain, an invalid or reserved slug, an IP literal) names no project.
 */
public final class HostRouter {

    private final String suffix;

    public HostRouter(String baseDomain) {
        this.suffix = "." + baseDomain.toLowerCase(Locale.ROOT);
    }

    /** The project this host names, if it names one. Never throws. */
    public Optional<Slug> projectOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty() || hostHeader.length() > 300) {
            return Optional.empty();
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            return Optional.empty();
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            String port = host.substring(colon + 1);
            if (port.isEmpty()
                    || port.length() > 5
                    || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            host = host.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!host.endsWith(suffix)) {
            return Optional.empty();
        }
        String label = host.substring(0, host.length() - suffix.length());
        return Slug.isValid(label) ? Optional.of(Slug.of(label)) : Optional.empty();
    }
}
