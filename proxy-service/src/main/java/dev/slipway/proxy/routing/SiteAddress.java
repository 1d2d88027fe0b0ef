package dev.slipway.proxy.routing;

import dev.slipway.core.deployment.DeploymentHost;
import dev.slipway.core.project.Slug;

/** What a request's host names (contract section 9). */
public sealed interface SiteAddress {

    /** {@code <project>.<baseDomain>}: the project's live deployment. */
    record Project(Slug project) implements SiteAddress {}

    /** {@code <project>--<id10>.<baseDomain>}: one deployment, live or not. */
    record Deployment(DeploymentHost host) implements SiteAddress {}

    /** Any other well-formed host name: a custom domain, if {@code domains/<host>.json} says so. */
    record Domain(String host) implements SiteAddress {}

    /** No site can live here (no host, an IP address, a malformed name, a reserved slug). */
    record None() implements SiteAddress {}

    SiteAddress NONE = new None();
}
