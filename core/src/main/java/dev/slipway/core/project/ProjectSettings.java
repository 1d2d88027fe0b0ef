package dev.slipway.core.project;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a project is built, saved in its record so a redeploy uses the same settings. {@code null}
 * means "detect" (or, for {@code ref}, the remote's default branch).
 *
 * @param env saved build variables with their values (never secrets), used by every later deploy
 * @param secretEnv the names of saved secret build variables; their values live outside the bucket
 *     (SSM Parameter Store in AWS mode, an owner-only file under {@code $SLIPWAY_HOME} locally)
 */
public record ProjectSettings(
        String ref,
        String rootDirectory,
        String installCommand,
        String buildCommand,
        String outputDirectory,
        SpaMode spa,
        Map<String, String> env,
        List<String> secretEnv) {

    public ProjectSettings {
        spa = spa == null ? SpaMode.AUTO : spa;
        env = env == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(env));
        secretEnv = secretEnv == null ? List.of() : List.copyOf(secretEnv);
    }

    /** Settings without saved variables. */
    public ProjectSettings(
            String ref,
            String rootDirectory,
            String installCommand,
            String buildCommand,
            String outputDirectory,
            SpaMode spa) {
        this(ref, rootDirectory, installCommand, buildCommand, outputDirectory, spa, null, null);
    }

    /** Everything detected, default branch. */
    public static ProjectSettings defaults() {
        return new ProjectSettings(null, null, null, null, null, SpaMode.AUTO);
    }

    /** These settings with other saved variables. */
    public ProjectSettings withEnv(Map<String, String> newEnv, List<String> newSecretEnv) {
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
