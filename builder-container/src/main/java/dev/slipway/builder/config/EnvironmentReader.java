package dev.slipway.builder.config;

import static dev.slipway.core.build.BuildVariable.ALLOW_LOCAL_REPOSITORY;
import static dev.slipway.core.build.BuildVariable.BUILD_CACHE;
import static dev.slipway.core.build.BuildVariable.BUILD_COMMAND;
import static dev.slipway.core.build.BuildVariable.BUILD_ENV;
import static dev.slipway.core.build.BuildVariable.BUILD_TIMEOUT_SECONDS;
import static dev.slipway.core.build.BuildVariable.DEPLOYMENT_ID;
import static dev.slipway.core.build.BuildVariable.FORCE;
import static dev.slipway.core.build.BuildVariable.GIT_REF;
import static dev.slipway.core.build.BuildVariable.GIT_REPOSITORY_URL;
import static dev.slipway.core.build.BuildVariable.GIT_TOKEN;
import static dev.slipway.core.build.BuildVariable.INSTALL_COMMAND;
import static dev.slipway.core.build.BuildVariable.OUTPUT_DIRECTORY;
import static dev.slipway.core.build.BuildVariable.PROJECT_ID;
import static dev.slipway.core.build.BuildVariable.REDIS_URL;
import static dev.slipway.core.build.BuildVariable.ROOT_DIRECTORY;
import static dev.slipway.core.build.BuildVariable.S3_BUCKET;
import static dev.slipway.core.build.BuildVariable.S3_ENDPOINT;
import static dev.slipway.core.build.BuildVariable.SITE_URL;
import static dev.slipway.core.build.BuildVariable.SOURCE_ARCHIVE;
import static dev.slipway.core.build.BuildVariable.SPA;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.core.project.SpaMode;
import io.lettuce.core.RedisURI;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the build's environment (contract section 5) into a {@link BuildConfig}. Every problem is
 * collected, so one run tells the person everything to fix; each says what to set.
 */
public final class EnvironmentReader {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(900);
    static final long MAX_TIMEOUT_SECONDS = 86_400;

    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    /**
     * Names the build may never get, even through BUILD_ENV: they are the builder's own secrets.
     */
    private static final Set<String> RESERVED_BUILD_ENV =
            Set.of(GIT_TOKEN.name(), REDIS_URL.name());

    private static final List<String> RESERVED_BUILD_ENV_PREFIXES =
            List.of("AWS_CONTAINER_", "ECS_CONTAINER_METADATA_URI", "S3_");

    private final Map<String, String> env;

    public EnvironmentReader(Map<String, String> env) {
        this.env = env;
    }

    /**
     * The checked configuration.
     *
     * @throws InvalidConfigException listing every problem, each with what to set
     */
    public BuildConfig read() {
        List<String> problems = new ArrayList<>();
        boolean allowLocal = bool(ALLOW_LOCAL_REPOSITORY, false, problems);
        String repositoryUrl = repositoryUrl(allowLocal, problems);
        Slug project = project(problems);
        DeploymentId deploymentId = deploymentId(problems);
        String bucket = required(S3_BUCKET, "the S3 bucket that holds the sites", problems);
        URI endpoint = endpoint(problems);
        String redisUrl = redisUrl(problems);
        String ref = ref(problems);
        String rootDirectory = relativePath(ROOT_DIRECTORY, Setting.ROOT_DIRECTORY, problems);
        String outputDirectory = relativePath(OUTPUT_DIRECTORY, Setting.OUTPUT_DIRECTORY, problems);
        Map<String, String> buildEnv = buildEnv(problems);
        SpaMode spa = spa(problems);
        Duration timeout = timeout(problems);
        boolean cache = bool(BUILD_CACHE, true, problems);
        boolean force = bool(FORCE, false, problems);
        String siteUrl = siteUrl(problems);
        DeployOptions options = DeployOptions.read(env, allowLocal, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(String.join(" ", problems));
        }
        return new BuildConfig(
                repositoryUrl,
                allowLocal,
                ref,
                // The project's own token for its host wins over the stack's GIT_TOKEN.
                options.gitToken() != null ? options.gitToken() : optional(GIT_TOKEN),
                project,
                deploymentId,
                bucket,
                endpoint,
                redisUrl,
                rootDirectory,
                optional(INSTALL_COMMAND),
                optional(BUILD_COMMAND),
                outputDirectory,
                buildEnv,
                spa,
                timeout,
                cache,
                siteUrl,
                force,
                options);
    }

    /**
     * Where a failure of {@link #read()} can still be reported: whatever of the deployment's own
     * identity, bucket and Redis was valid. Nothing is written outside these keys.
     */
    public ReportTargets reportTargets() {
        List<String> ignored = new ArrayList<>();
        Optional<Slug> project =
                Optional.ofNullable(optional(PROJECT_ID)).filter(Slug::isValid).map(Slug::of);
        Optional<DeploymentId> id =
                Optional.ofNullable(optional(DEPLOYMENT_ID))
                        .filter(DeploymentId::isValid)
                        .map(DeploymentId::of);
        Optional<String> bucket = Optional.ofNullable(optional(S3_BUCKET));
        URI endpoint = endpoint(ignored);
        Optional<String> redis = Optional.ofNullable(redisUrl(ignored));
        boolean endpointOk = ignored.stream().noneMatch(p -> p.startsWith(S3_ENDPOINT.name()));
        return new ReportTargets(
                project,
                id,
                bucket,
                endpointOk ? Optional.ofNullable(endpoint) : Optional.empty(),
                redis);
    }

    /** The parts of a broken configuration that can still receive the FAILED status. */
    public record ReportTargets(
            Optional<Slug> project,
            Optional<DeploymentId> deploymentId,
            Optional<String> bucket,
            Optional<URI> s3Endpoint,
            Optional<String> redisUrl) {}

    private String optional(BuildVariable name) {
        return name.get(env);
    }

    private String required(BuildVariable name, String what, List<String> problems) {
        String value = optional(name);
        if (value == null) {
            problems.add(name + " is missing: set it to " + what + ".");
        }
        return value;
    }

    private boolean bool(BuildVariable name, boolean defaultValue, List<String> problems) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problems.add(
                        name
                                + "="
                                + abbreviate(value)
                                + " is not a boolean: set it to true or false.");
                return defaultValue;
        }
    }

    private String repositoryUrl(boolean allowLocal, List<String> problems) {
        String url =
                required(
                        GIT_REPOSITORY_URL,
                        "the Git repository to build, such as https://github.com/owner/repo",
                        problems);
        if (url == null) {
            return null;
        }
        // With SOURCE_ARCHIVE the URL only names where the folder came from (a path on the
        // deploying machine); nothing is cloned from it.
        boolean fromArchive = optional(SOURCE_ARCHIVE) != null;
        Optional<String> problem = RepositoryUrls.problem(url, allowLocal || fromArchive);
        problem.ifPresent(problems::add);
        return url;
    }

    private Slug project(List<String> problems) {
        String raw = required(PROJECT_ID, "the project's slug, such as my-site", problems);
        if (raw == null) {
            return null;
        }
        Optional<String> problem = Slug.problem(raw);
        if (problem.isPresent()) {
            problems.add(PROJECT_ID + ": " + problem.get());
            return null;
        }
        return Slug.of(raw);
    }

    private DeploymentId deploymentId(List<String> problems) {
        String raw =
                required(
                        DEPLOYMENT_ID,
                        "the 26-character ULID the launcher chose for this deployment",
                        problems);
        if (raw == null) {
            return null;
        }
        Optional<String> problem = DeploymentId.problem(raw);
        if (problem.isPresent()) {
            problems.add(DEPLOYMENT_ID + ": " + problem.get());
            return null;
        }
        return DeploymentId.of(raw);
    }

    private URI endpoint(List<String> problems) {
        String raw = optional(S3_ENDPOINT);
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            if (uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new URISyntaxException(raw, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(
                    S3_ENDPOINT
                            + "="
                            + abbreviate(raw)
                            + " is not an http(s) URL: set it to the S3-compatible endpoint, such as http://127.0.0.1:9000, or leave it unset for AWS.");
            return null;
        }
    }

    private String redisUrl(List<String> problems) {
        String raw = required(REDIS_URL, "redis://host:port (or rediss:// for TLS)", problems);
        if (raw == null) {
            return null;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        boolean ok = lower.startsWith("redis://") || lower.startsWith("rediss://");
        if (ok) {
            try {
                RedisURI.create(raw);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            problems.add(
                    REDIS_URL
                            + " is not a Redis URL: set it to redis://[:password@]host:port[/db] or rediss://… .");
            return null;
        }
        return raw;
    }

    private String ref(List<String> problems) {
        String ref = optional(GIT_REF);
        if (ref == null) {
            return null;
        }
        boolean bad =
                ref.startsWith("-")
                        || ref.contains("..")
                        || ref.contains("@{")
                        || ref.endsWith(".lock")
                        || ref.endsWith("/")
                        || ref.endsWith(".")
                        || ref.chars()
                                .anyMatch(
                                        c ->
                                                c <= ' ' || c == 0x7f || c == '~' || c == '^'
                                                        || c == ':' || c == '?' || c == '*'
                                                        || c == '[' || c == '\\');
        if (bad) {
            problems.add(
                    GIT_REF
                            + "="
                            + abbreviate(ref)
                            + " is not a valid branch, tag or commit name: set it to one such as main, v1.2.0 or a commit SHA, or leave it unset for the default branch.");
            return null;
        }
        return ref;
    }

    private String relativePath(BuildVariable name, Setting setting, List<String> problems) {
        String raw = optional(name);
        if (raw == null) {
            return null;
        }
        String path = raw.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        boolean escapes =
                path.startsWith("/")
                        || List.of(path.split("/")).contains("..")
                        || path.indexOf('\0') >= 0;
        if (escapes) {
            problems.add(
                    setting.flag()
                            + " "
                            + abbreviate(raw)
                            + " must be a folder inside the repository, such as apps/web, without '..' or a leading '/'.");
            return null;
        }
        return path.isEmpty() || path.equals(".") ? null : path;
    }

    private Map<String, String> buildEnv(List<String> problems) {
        String raw = optional(BUILD_ENV);
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null) {
            return result;
        }
        Map<String, JsonElement> entries = new LinkedHashMap<>();
        try {
            JsonReader reader = new JsonReader(new StringReader(raw));
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                problems.add(
                        BUILD_ENV
                                + " must be a JSON object such as {\"VITE_API_URL\":\"https://api.example.com\"}.");
                return result;
            }
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                JsonElement value = JsonParser.parseReader(reader);
                if (entries.put(name, value) != null) {
                    problems.add(
                            BUILD_ENV
                                    + " names "
                                    + abbreviate(name)
                                    + " twice: give each variable once.");
                    return result;
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                problems.add(
                        BUILD_ENV
                                + " has text after its JSON object: set it to exactly one object, such as {\"VITE_API_URL\":\"https://api.example.com\"}.");
                return result;
            }
        } catch (JsonParseException | java.io.IOException | IllegalStateException e) {
            problems.add(
                    BUILD_ENV
                            + " is not valid JSON: set it to an object of names and string values, such as {\"VITE_API_URL\":\"https://api.example.com\"}.");
            return result;
        }
        for (Map.Entry<String, JsonElement> e : entries.entrySet()) {
            String key = e.getKey();
            JsonElement value = e.getValue();
            if (!ENV_NAME.matcher(key).matches()) {
                problems.add(
                        BUILD_ENV
                                + ": '"
                                + abbreviate(key)
                                + "' is not a valid variable name: use letters, digits and '_', not starting with a digit.");
                continue;
            }
            if (isReserved(key)) {
                problems.add(
                        BUILD_ENV
                                + ": "
                                + key
                                + " is reserved for the builder's own credentials and is never given to the build; remove it.");
                continue;
            }
            if (!value.isJsonPrimitive()) {
                problems.add(
                        BUILD_ENV
                                + ": the value of "
                                + key
                                + " must be a string, number or boolean.");
                continue;
            }
            JsonPrimitive p = value.getAsJsonPrimitive();
            String text = p.getAsString();
            if (text.indexOf('\0') >= 0) {
                problems.add(
                        BUILD_ENV
                                + ": the value of "
                                + key
                                + " contains a NUL character, which no environment variable can hold.");
                continue;
            }
            result.put(key, text);
        }
        return result;
    }

    static boolean isReserved(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        return RESERVED_BUILD_ENV.contains(upper)
                || RESERVED_BUILD_ENV_PREFIXES.stream().anyMatch(upper::startsWith);
    }

    private SpaMode spa(List<String> problems) {
        String raw = optional(SPA);
        try {
            return SpaMode.parse(raw);
        } catch (IllegalArgumentException e) {
            problems.add(
                    SPA
                            + "="
                            + abbreviate(raw)
                            + " is not one of auto, true or false: set one of them (auto serves index.html for unknown paths when the site has no 404.html).");
            return SpaMode.AUTO;
        }
    }

    private Duration timeout(List<String> problems) {
        String raw = optional(BUILD_TIMEOUT_SECONDS);
        if (raw == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(raw);
            if (seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(
                BUILD_TIMEOUT_SECONDS
                        + "="
                        + abbreviate(raw)
                        + " is not a whole number of seconds from 1 to "
                        + MAX_TIMEOUT_SECONDS
                        + ": set it, for example, to 900 (the default).");
        return DEFAULT_TIMEOUT;
    }

    private String siteUrl(List<String> problems) {
        String raw = optional(SITE_URL);
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            if (uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return raw;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(
                SITE_URL
                        + "="
                        + abbreviate(raw)
                        + " is not an http(s) URL: set it to the site's address, such as http://demo.localhost:8000/.");
        return null;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String masked = RepositoryUrls.withoutCredentials(s);
        return masked.length() > 60 ? masked.substring(0, 60) + "…" : masked;
    }
}
