package dev.slipway.proxy.routing;

import dev.slipway.core.deployment.DeploymentHost;
import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.project.Slug;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the host of a request (the {@code Host} header, or the authority of an absolute-form
 * target): {@code <project>.<baseDomain>[:port]} names a project, {@code
 * <project>--<id10>.<baseDomain>} one deployment, and any other well-formed host name may be a
 * custom domain. Case insensitive, with an optional trailing dot. No host, an IP literal, a nested
 * subdomain of the base domain, an invalid or reserved slug name nothing.
 */
public final class HostRouter {

    /** Hosts remembered; past this many the memo starts over (random hosts cannot grow it). */
    private static final int MEMO_SIZE = 4096;

    private final String suffix;
    private final ConcurrentHashMap<String, SiteAddress> memo = new ConcurrentHashMap<>();

    public HostRouter(String baseDomain) {
        this.suffix = "." + baseDomain.toLowerCase(Locale.ROOT);
    }

    /** What this host names. Never throws. Remembers recent answers: a site's host repeats. */
    public SiteAddress route(String hostHeader) {
        if (hostHeader == null) {
            return SiteAddress.NONE;
        }
        SiteAddress known = memo.get(hostHeader);
        if (known != null) {
            return known;
        }
        SiteAddress address = parse(hostHeader);
        if (memo.size() >= MEMO_SIZE) {
            memo.clear();
        }
        memo.put(hostHeader, address);
        return address;
    }

    private SiteAddress parse(String hostHeader) {
        String host = hostName(hostHeader);
        if (host == null) {
            return SiteAddress.NONE;
        }
        if (host.endsWith(suffix)) {
            String label = host.substring(0, host.length() - suffix.length());
            if (Slug.isValid(label)) {
                return new SiteAddress.Project(Slug.of(label));
            }
            Optional<DeploymentHost> deployment = DeploymentHost.parse(label);
            return deployment
                    .<SiteAddress>map(SiteAddress.Deployment::new)
                    .orElse(SiteAddress.NONE);
        }
        if (host.equals(suffix.substring(1)) || DomainRecord.hostProblem(host).isPresent()) {
            return SiteAddress.NONE;
        }
        return new SiteAddress.Domain(host);
    }

    /** The project this host names directly ({@code <project>.<baseDomain>}), if it names one. */
    public Optional<Slug> projectOf(String hostHeader) {
        return route(hostHeader) instanceof SiteAddress.Project p
                ? Optional.of(p.project())
                : Optional.empty();
    }

    /** The lower-case host name without port or trailing dot, or null when malformed. */
    private static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty() || hostHeader.length() > 300) {
            return null;
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            return null;
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            String port = host.substring(colon + 1);
            if (port.isEmpty()
                    || port.length() > 5
                    || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            host = host.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? null : host;
    }
}
