package dev.slipway.builder.config;

import dev.slipway.core.build.BuildVariable;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Node versions come from and go: the builder's {@code NODE_VERSION} (contract section 5),
 * the toolchain cache ({@code SLIPWAY_TOOLCHAINS}; the local launcher sets {@code
 * $SLIPWAY_HOME/toolchains}; default {@code <temporary folder>/slipway-toolchains}, which in an ECS
 * task is the task's own disk), the npm registry ({@code npm_config_registry} or {@code
 * NPM_CONFIG_REGISTRY}, as npm reads it; default {@code https://registry.npmjs.org/}) and this
 * machine's platform (empty when the registry has no Node for it).
 */
public record ToolchainSettings(
        String nodeVersion, Path toolchains, URI registry, Optional<Platform> platform) {

    public static final String TOOLCHAINS_VARIABLE = BuildVariable.SLIPWAY_TOOLCHAINS.name();
    static final URI DEFAULT_REGISTRY = URI.create("https://registry.npmjs.org/");

    /** Reads the settings from the builder's environment. */
    public static ToolchainSettings from(Map<String, String> env) {
        String folder = blankToNull(env.get(TOOLCHAINS_VARIABLE));
        String registry = blankToNull(env.get("npm_config_registry"));
        if (registry == null) {
            registry = blankToNull(env.get("NPM_CONFIG_REGISTRY"));
        }
        URI uri = DEFAULT_REGISTRY;
        if (registry != null) {
            try {
                uri = URI.create(registry);
            } catch (IllegalArgumentException e) {
                uri = DEFAULT_REGISTRY;
            }
        }
        return new ToolchainSettings(
                blankToNull(env.get(BuildVariable.NODE_VERSION.name())),
                folder != null
                        ? Path.of(folder)
                        : Path.of(System.getProperty("java.io.tmpdir"), "slipway-toolchains"),
                uri,
                Platform.current());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
