package dev.slipway.builder.routes;

import dev.slipway.builder.config.BuildConfig;
import dev.slipway.builder.config.DeployOptions;
import dev.slipway.builder.logstream.BuildLog;
import dev.slipway.builder.logstream.SecretMasker;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.core.project.SpaMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A build configuration with only the build settings that matter here. */
final class TestConfigs {

    private TestConfigs() {}

    static BuildConfig config(
            @Nullable String rootDirectory,
            @Nullable String installCommand,
            @Nullable String buildCommand,
            @Nullable String outputDirectory,
            SpaMode spa) {
        return new BuildConfig(
                "file:///repo",
                true,
                null,
                null,
                Slug.of("demo"),
                DeploymentId.newId(),
                "bucket",
                null,
                "redis://127.0.0.1:1",
                rootDirectory,
                installCommand,
                buildCommand,
                outputDirectory,
                Map.of(),
                spa,
                Duration.ofMinutes(1),
                false,
                null,
                false,
                DeployOptions.none());
    }

    static BuildLog quietLog() {
        return new BuildLog(Clock.systemUTC(), SecretMasker.none(), List.of());
    }
}
