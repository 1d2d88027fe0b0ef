package dev.slipway.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder holding Slipway's config, local data and stack state: {@code $SLIPWAY_HOME}, by
 * default {@code ~/.slipway}.
 */
public record SlipwayHome(Path root) {

    public static final String ENV = "SLIPWAY_HOME";

    /** From the environment, else {@code $HOME/.slipway} (the account's home when unset). */
    public static SlipwayHome fromEnvironment(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return new SlipwayHome(Path.of(configured).toAbsolutePath().normalize());
        }
        String home = env.get("HOME");
        return new SlipwayHome(
                Path.of(
                        home != null && !home.isBlank() ? home : System.getProperty("user.home"),
                        ".slipway"));
    }

    public static SlipwayHome fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    /** Where the local stack keeps its S3 data, so sites survive restarts. */
    public Path dataDir() {
        return root.resolve("data");
    }

    /** The running local stack's endpoints and pid. */
    public Path stackFile() {
        return root.resolve("stack.json");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }
}
