package dev.slipway.core.build;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The build program's environment (contract section 5), the one place its names are written: each
 * constant's name is the variable's. The launchers write it with {@link #put}, the builder reads it
 * with {@link #get}; both mean the same by an unset or blank value (not given).
 */
public enum BuildVariable {
    /** The repository: {@code https://…}, or a local path or {@code file://} URL in local mode. */
    GIT_REPOSITORY_URL,
    /** {@code true} lets {@link #GIT_REPOSITORY_URL} be local (the local launcher sets it). */
    ALLOW_LOCAL_REPOSITORY,
    /** Branch, tag or commit; unset: the remote's default branch. */
    GIT_REF,
    /** A token for a private repository; never logged, never given to the build. */
    GIT_TOKEN,
    /** The project slug. */
    PROJECT_ID,
    /** The ULID the launcher chose. */
    DEPLOYMENT_ID,
    /** The bucket. */
    S3_BUCKET,
    /** An S3-compatible endpoint (path-style access when set). */
    S3_ENDPOINT,
    /** {@code redis://…} or {@code rediss://…}. */
    REDIS_URL,
    /** The app's folder inside the repository. */
    ROOT_DIRECTORY,
    /** The install command; unset: detected from the lockfile. */
    INSTALL_COMMAND,
    /** The build command; unset: {@code npm run build} when there is a build script. */
    BUILD_COMMAND,
    /** The output folder; unset: detected. */
    OUTPUT_DIRECTORY,
    /** A JSON object of extra variables for install and build ({@link #buildEnvJson}). */
    BUILD_ENV,
    /** {@code true}, {@code false} or {@code auto}. */
    SPA,
    /** The Node version to build with. */
    NODE_VERSION,
    /** {@code true}: publish without moving the live pointer. */
    PREVIEW,
    /** The bucket key of a {@code .tar.gz} of the source, instead of Git. */
    SOURCE_ARCHIVE,
    /**
     * Local mode only: an absolute folder whose working tree is built as it is (the local
     * launcher's folder deploys; not in the contract's table).
     */
    SOURCE_DIRECTORY,
    /** The SSM Parameter Store path of the build's secret variables (AWS). */
    SECRETS_PARAMETER_PATH,
    /** An owner-only JSON file of the build's secret variables (local). */
    SECRETS_FILE,
    /** Seconds before the whole process tree is killed; default 900. */
    BUILD_TIMEOUT_SECONDS,
    /** {@code false} skips restoring and saving the dependency cache. */
    BUILD_CACHE,
    /** The site's public URL, carried by the READY event. */
    SITE_URL,
    /**
     * {@code true}: deploy to a project that another repository owns (the contract's "unless
     * forced"; not in its table).
     */
    FORCE,
    /**
     * Where Node versions downloaded for builds are kept between builds (the local launcher sets
     * it; not in the contract's table).
     */
    SLIPWAY_TOOLCHAINS,
    /**
     * {@code true}: the builder was started ahead of its job, and reads the job's variables (this
     * table's, as one JSON object of strings) from its standard input before it runs; an input that
     * ends empty means the launcher did not need it, and it exits having written nothing (the local
     * launcher sets it; not in the contract's table).
     */
    SLIPWAY_BUILDER_WAIT;

    /** The value in {@code env}, trimmed; {@code null} when unset or blank. */
    public @Nullable String get(Map<String, String> env) {
        String value = env.get(name());
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Sets the variable in {@code env} when {@code value} is not blank; leaves it out otherwise.
     */
    public void put(Map<String, String> env, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            env.put(name(), value);
        }
    }

    /** Sets a flag to {@code true}, or leaves it out (its default, false). */
    public void putFlag(Map<String, String> env, boolean on) {
        if (on) {
            env.put(name(), "true");
        }
    }

    /** Whether {@code env} names this variable at all (even blank). */
    public boolean isNamedIn(Map<String, String> env) {
        return env.containsKey(name());
    }

    /**
     * {@link #BUILD_ENV}'s value for {@code variables}: one JSON object, names sorted; {@code null}
     * for none (leave the variable out).
     */
    public static @Nullable String buildEnvJson(Map<String, String> variables) {
        if (variables.isEmpty()) {
            return null;
        }
        JsonObject json = new JsonObject();
        new TreeMap<>(variables).forEach(json::addProperty);
        return json.toString();
    }
}
