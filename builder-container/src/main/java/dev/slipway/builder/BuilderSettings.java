package dev.slipway.builder;

import dev.slipway.builder.process.BuildUser;
import dev.slipway.builder.upload.Limits;
import java.time.Duration;
import java.util.Map;

/**
 * The builder's own knobs, which are not part of the contract: how many uploads run at once, how
 * long a killed build gets to stop, how long to wait for Redis at the end, the deployment limits,
 * and the account install and build run as.
 */
public record BuilderSettings(
        int uploadParallelism,
        Duration killGrace,
        Duration redisFinalWait,
        int maxPendingEvents,
        Limits limits,
        BuildUser buildUser) {

    /**
     * The defaults; {@code SLIPWAY_BUILD_USER} (set by the container image) names the unprivileged
     * account for install and build.
     */
    public static BuilderSettings from(Map<String, String> env) {
        String user = env.get("SLIPWAY_BUILD_USER");
        return new BuilderSettings(
                32,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                500_000,
                Limits.standard(),
                user == null || user.isBlank() ? BuildUser.none() : BuildUser.named(user.trim()));
    }
}
