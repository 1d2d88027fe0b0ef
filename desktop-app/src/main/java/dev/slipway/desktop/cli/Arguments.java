package dev.slipway.desktop.cli;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.InvalidSlugException;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;

/** Parses the ids and names given on the command line, with the core's sentences on failure. */
final class Arguments {
    private Arguments() {}

    static DeploymentId deploymentId(String raw) {
        String upper = raw == null ? null : raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (upper != null && DeploymentId.isValid(upper)) {
            return DeploymentId.of(upper);
        }
        try {
            return DeploymentId.of(raw);
        } catch (IllegalArgumentException e) {
            throw SlipwayException.badInput(e.getMessage());
        }
    }

    static Slug project(String raw) {
        try {
            return Slug.of(raw == null ? null : raw.trim());
        } catch (InvalidSlugException e) {
            throw SlipwayException.badInput(e.getMessage());
        }
    }
}
