package dev.slipway.desktop.domains;

import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.project.Slug;
import java.util.List;

/**
 * A project's custom domains ({@code domains/<host>.json}), as the CLI and the app call them.
 * Blocking; every change publishes the project on {@code slipway:projects}.
 */
public interface Domains {

    /** The project's domains, by host. */
    List<DomainRecord> list(Slug project);

    /**
     * Gives the project a host.
     *
     * @throws dev.slipway.desktop.SlipwayException with what to do when the host is invalid, under
     *     the base domain or another project's
     */
    DomainRecord add(Slug project, String host);

    /** Removes a domain of the project; false when the project has no such domain. */
    boolean remove(Slug project, String host);
}
