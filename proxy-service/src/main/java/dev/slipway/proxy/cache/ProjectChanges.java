package dev.slipway.proxy.cache;

import dev.slipway.core.project.Slug;

/** What the proxy does when a project changes ({@code slipway:projects}). */
public interface ProjectChanges {

    /** {@code project}'s record, deployments or domains changed: drop what is cached about it. */
    void changed(Slug project);

    /** Messages may have been missed (Redis came back): everything may be stale. */
    void mayHaveMissed();
}
