package dev.slipway.desktop.launch;

import static dev.slipway.core.build.BuildVariable.BUILD_COMMAND;
import static dev.slipway.core.build.BuildVariable.BUILD_ENV;
import static dev.slipway.core.build.BuildVariable.DEPLOYMENT_ID;
import static dev.slipway.core.build.BuildVariable.FORCE;
import static dev.slipway.core.build.BuildVariable.GIT_REF;
import static dev.slipway.core.build.BuildVariable.GIT_REPOSITORY_URL;
import static dev.slipway.core.build.BuildVariable.INSTALL_COMMAND;
import static dev.slipway.core.build.BuildVariable.OUTPUT_DIRECTORY;
import static dev.slipway.core.build.BuildVariable.PROJECT_ID;
import static dev.slipway.core.build.BuildVariable.ROOT_DIRECTORY;
import static dev.slipway.core.build.BuildVariable.SITE_URL;
import static dev.slipway.core.build.BuildVariable.SPA;

import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.project.ProjectSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build program's variables (contract section 5) that describe one build: the same for an ECS
 * task's overrides and a local child process, named by core's {@link BuildVariable}. Where bucket
 * and Redis are is added by each launcher.
 */
public final class BuildEnvironment {

    private BuildEnvironment() {}

    /** The variables in a stable order; unset settings are left out so the builder detects them. */
    public static Map<String, String> of(LaunchSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        ProjectSettings s = spec.settings();
        GIT_REPOSITORY_URL.put(env, spec.repoUrl());
        GIT_REF.put(env, s.ref());
        PROJECT_ID.put(env, spec.project().value());
        DEPLOYMENT_ID.put(env, spec.id().value());
        SITE_URL.put(env, spec.siteUrl());
        ROOT_DIRECTORY.put(env, s.rootDirectory());
        INSTALL_COMMAND.put(env, s.installCommand());
        BUILD_COMMAND.put(env, s.buildCommand());
        OUTPUT_DIRECTORY.put(env, s.outputDirectory());
        SPA.put(env, s.spa().value());
        FORCE.putFlag(env, spec.force());
        BUILD_ENV.put(env, BuildVariable.buildEnvJson(spec.buildEnv()));
        new TreeMap<>(spec.launchEnv()).forEach(env::put);
        return env;
    }
}
