package dev.slipway.desktop.cli;

import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last deployment this machine started for each project ({@code
 * $SLIPWAY_HOME/latest/<project>}), so {@code logs <project>} finds a build that has no manifest
 * yet.
 */
final class LatestDeployments {
    private LatestDeployments() {}

    static void record(SlipwayHome home, Slug project, DeploymentId id) {
        Path file = file(home, project);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, id.value(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println(
                    "slipway: could not note " + id + " in " + file + ": " + e.getMessage());
        }
    }

    static Optional<DeploymentId> read(SlipwayHome home, Slug project) {
        try {
            String text = Files.readString(file(home, project), StandardCharsets.UTF_8).trim();
            return DeploymentId.isValid(text)
                    ? Optional.of(DeploymentId.of(text))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path file(SlipwayHome home, Slug project) {
        return home.root().resolve("latest").resolve(project.value());
    }
}
