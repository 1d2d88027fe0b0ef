package dev.slipway.desktop.ui.window;

/** The deploy form as it was left, so the next start shows it again. */
public record FormMemory(
        String repoUrl,
        String slug,
        String ref,
        String rootDirectory,
        String installCommand,
        String buildCommand,
        String outputDirectory,
        String spa) {}
