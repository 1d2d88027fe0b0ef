package dev.slipway.core.project;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How a project is built, saved in its record so a redeploy uses the same settings. {@code null}
 * means "detect" (or, for {@code ref}, the remote's default branch).
 *
 * @param env saved build variables with their values (never secrets), used by every later deploy
 * @param secretEnv the names of saved secret build variables; their values live outside the bucket
 *     (SSM Parameter Store in AWS mode, an owner-only file under {@code $SLIPWAY_HOME} locally)
 */
public record ProjectSettings(
        @Nullable String ref,
        @Nullable String rootDirectory,
        @Nullable String installCommand,
        @Nullable String buildCommand,
        @Nullable String outputDirectory,
        SpaMode spa,
        Map<String, String> env,
        List<String> secretEnv) {

    /** Settings as read: an absent {@code spa} is AUTO, absent variables none. */
    public ProjectSettings(
            @Nullable String ref,
            @Nullable String rootDirectory,
            @Nullable String installCommand,
            @Nullable String buildCommand,
            @Nullable String outputDirectory,
            @Nullable SpaMode spa,
            @Nullable Map<String, String> env,
            @Nullable List<String> secretEnv) {
        this.ref = ref;
        this.rootDirectory = rootDirectory;
        this.installCommand = installCommand;
        this.buildCommand = buildCommand;
        this.outputDirectory = outputDirectory;
        this.spa = spa == null ? SpaMode.AUTO : spa;
        this.env = env == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(env));
        this.secretEnv = secretEnv == null ? List.of() : List.copyOf(secretEnv);
    }

    /** Settings without saved variables. */
    public ProjectSettings(
            @Nullable String ref,
            @Nullable String rootDirectory,
            @Nullable String installCommand,
            @Nullable String buildCommand,
            @Nullable String outputDirectory,
            @Nullable SpaMode spa) {
        this(ref, rootDirectory, installCommand, buildCommand, outputDirectory, spa, null, null);
    }

    /** Everything detected, default branch. */
    public static ProjectSettings defaults() {
        return new ProjectSettings(null, null, null, null, null, SpaMode.AUTO);
    }

    /** These settings with other saved variables. */
    public ProjectSettings withEnv(
            @Nullable Map<String, String> newEnv, @Nullable List<String> newSecretEnv) {
        return new ProjectSettings(
                ref,
                rootDirectory,
                installCommand,
                buildCommand,
                outputDirectory,
                spa,
                newEnv,
                newSecretEnv);
    }
}
