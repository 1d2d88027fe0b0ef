package dev.slipway.builder.detect;

import java.nio.file.Path;
import java.util.List;

/**
 * What detection decided for the app: how to install and build it and where its output will be.
 *
 * @param appDirectory the folder the commands run in ({@code ROOT_DIRECTORY} inside the checkout)
 * @param framework a short name such as {@code vite} or {@code static}, written to the manifest
 * @param packageManager null for a plain static site
 * @param lockfile the lockfile that keys the dependency cache; null when there is none
 * @param installCommand null when nothing is installed
 * @param buildCommand null when nothing is built
 * @param outputDirectory the expected output, relative to the app folder ("" for the folder itself)
 * @param outputOverridden whether {@code OUTPUT_DIRECTORY} chose it
 * @param outputCandidates where else to look after the build when the expected folder is missing
 * @param managerChoice the package manager's version and why; null for a plain static site
 */
public record BuildPlan(
        Path appDirectory,
        String framework,
        PackageManager packageManager,
        Path lockfile,
        String installCommand,
        String buildCommand,
        String outputDirectory,
        boolean outputOverridden,
        List<String> outputCandidates,
        ManagerChoice managerChoice) {

    /** A plan without a manager choice (a plain static site). */
    public BuildPlan(
            Path appDirectory,
            String framework,
            PackageManager packageManager,
            Path lockfile,
            String installCommand,
            String buildCommand,
            String outputDirectory,
            boolean outputOverridden,
            List<String> outputCandidates) {
        this(
                appDirectory,
                framework,
                packageManager,
                lockfile,
                installCommand,
                buildCommand,
                outputDirectory,
                outputOverridden,
                outputCandidates,
                null);
    }

    public boolean isStatic() {
        return packageManager == null;
    }
}
