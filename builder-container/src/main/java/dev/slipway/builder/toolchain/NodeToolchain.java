package dev.slipway.builder.toolchain;

import java.io.File;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The Node that install and build run with: the machine's own ({@code bin} null), or one from the
 * toolchain cache, whose {@code bin} (node, npm, npx, corepack) goes first on {@code PATH}.
 */
public record NodeToolchain(NodeVersion version, @Nullable Path bin) {

    /** The machine's Node, or none (no Node app, nothing to run). */
    public static NodeToolchain machine(NodeVersion version) {
        return new NodeToolchain(version, null);
    }

    /** {@code path} with this Node's folder first, or {@code path} itself for the machine's. */
    public String path(String path) {
        if (bin == null) {
            return path;
        }
        return path == null || path.isBlank() ? bin.toString() : bin + File.pathSeparator + path;
    }

    /** Whether this Node was provisioned into the toolchain cache. */
    public boolean isProvisioned() {
        return bin != null;
    }
}
