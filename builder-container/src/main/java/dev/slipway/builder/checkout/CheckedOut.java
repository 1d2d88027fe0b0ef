package dev.slipway.builder.checkout;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A working tree at one commit.
 *
 * @param ref the branch or tag built, or the commit SHA given, or the default branch's name
 */
public record CheckedOut(
        Path directory,
        @Nullable String ref,
        @Nullable String commit,
        @Nullable String commitMessage) {}
