package dev.slipway.proxy.routing;

import dev.slipway.core.deployment.FileEntry;

/** What a request path resolves to in one deployment's manifest. */
public sealed interface Resolution {

    /** Serve the manifest's file at {@code path} with {@code status} (200, or 404 for 404.html). */
    record File(String path, FileEntry entry, int status) implements Resolution {}

    /**
     * A redirect to {@code location} (already percent-encoded): 308 for the folder form of a path,
     * or the status a route gives.
     */
    record Redirect(int status, String location) implements Resolution {
        public Redirect(String location) {
            this(308, location);
        }
    }

    /** Nothing matches and the deployment has no {@code 404.html}: the built-in 404 page. */
    record NotFound() implements Resolution {}
}
