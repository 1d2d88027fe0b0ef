package dev.slipway.desktop.launch;

import com.google.gson.JsonObject;
import dev.slipway.core.project.ProjectSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build program's variables (contract section 5) that describe one build: the same for an ECS
 * task's overrides and a local child process. Where bucket and Redis are is added by each launcher.
 */
public final class BuildEnvironment {

    private BuildEnvironment() {}

    /** The variables in a stable order; unset settings are left out so the builder detects them. */
    public static Map<String, String> of(LaunchSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GIT_REPOSITORY_URL", spec.repoUrl());
        ProjectSettings s = spec.settings();
        putIfSet(env, "GIT_REF", s.ref());
        env.put("PROJECT_ID", spec.project().value());
        env.put("DEPLOYMENT_ID", spec.id().value());
        putIfSet(env, "SITE_URL", spec.siteUrl());
        putIfSet(env, "ROOT_DIRECTORY", s.rootDirectory());
        putIfSet(env, "INSTALL_COMMAND", s.installCommand());
        putIfSet(env, "BUILD_COMMAND", s.buildCommand());
        putIfSet(env, "OUTPUT_DIRECTORY", s.outputDirectory());
        env.put("SPA", s.spa().value());
        if (spec.force()) {
            env.put("FORCE", "true");
        }
        if (!spec.buildEnv().isEmpty()) {
            JsonObject json = new JsonObject();
            new TreeMap<>(spec.buildEnv()).forEach(json::addProperty);
            env.put("BUILD_ENV", json.toString());
        }
        new TreeMap<>(spec.launchEnv()).forEach(env::put);
        return env;
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }
}
