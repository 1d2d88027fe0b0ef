package dev.slipway.builder;

import dev.slipway.builder.config.Limits;
import dev.slipway.builder.process.BuildUser;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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

    /** How long the end of the log may take to reach Redis unless told otherwise. */
    static final Duration DEFAULT_REDIS_FINAL_WAIT = Duration.ofSeconds(10);

    /**
     * The defaults; {@code SLIPWAY_BUILD_USER} (set by the container image) names the unprivileged
     * account for install and build, and {@code SLIPWAY_REDIS_FINAL_WAIT_SECONDS} (a positive whole
     * number; tests and slow machines set it) how long the end of the log may take to reach Redis.
     */
    public static BuilderSettings from(Map<String, String> env) {
        String user = env.get("SLIPWAY_BUILD_USER");
        return new BuilderSettings(
                32,
                Duration.ofSeconds(5),
                redisFinalWait(env.get("SLIPWAY_REDIS_FINAL_WAIT_SECONDS")),
                500_000,
                Limits.standard(),
                user == null || user.isBlank() ? BuildUser.none() : BuildUser.named(user.trim()));
    }

    private static Duration redisFinalWait(@Nullable String seconds) {
        if (seconds == null || !seconds.trim().matches("[1-9][0-9]{0,5}")) {
            return DEFAULT_REDIS_FINAL_WAIT;
        }
        return Duration.ofSeconds(Long.parseLong(seconds.trim()));
    }
}
