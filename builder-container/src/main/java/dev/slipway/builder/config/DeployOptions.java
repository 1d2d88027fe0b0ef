package dev.slipway.builder.config;

import static dev.slipway.core.build.BuildVariable.ALLOW_LOCAL_REPOSITORY;
import static dev.slipway.core.build.BuildVariable.GIT_REPOSITORY_URL;
import static dev.slipway.core.build.BuildVariable.PREVIEW;
import static dev.slipway.core.build.BuildVariable.SECRETS_FILE;
import static dev.slipway.core.build.BuildVariable.SECRETS_PARAMETER_PATH;
import static dev.slipway.core.build.BuildVariable.SOURCE_ARCHIVE;
import static dev.slipway.core.build.BuildVariable.SOURCE_DIRECTORY;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.slipway.builder.secrets.ParameterStoreSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How this deployment is published and where its source comes from, beyond Git (contract section
 * 5): {@code PREVIEW}, {@code SECRETS_FILE} or {@code SECRETS_PARAMETER_PATH}, {@code
 * SOURCE_ARCHIVE}, and {@code SOURCE_DIRECTORY} (an addition: in local mode, the folder whose
 * working tree is built instead of a clone).
 *
 * @param preview built and published, but the live pointer is left alone
 * @param secrets the secret build variables read from {@code SECRETS_FILE} or SSM Parameter Store
 *     (never printed)
 * @param sourceDirectory a local folder whose working tree is copied instead of cloning
 * @param sourceArchive the bucket key of a {@code .tar.gz} of the source, instead of cloning
 * @param gitToken the project's clone token for the repository's host, from the same secrets
 *     ({@code git/<host>}), or null; never a build variable
 */
public record DeployOptions(
        boolean preview,
        Map<String, String> secrets,
        String sourceDirectory,
        String sourceArchive,
        String gitToken) {

    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern ARCHIVE_KEY =
            Pattern.compile("^sources/[a-z0-9-]+/[0-9A-HJKMNP-TV-Z]{26}\\.tar\\.gz$");

    public DeployOptions {
        secrets = Map.copyOf(secrets);
    }

    public static DeployOptions none() {
        return new DeployOptions(false, Map.of(), null, null, null);
    }

    /** Whether the source is a working tree (folder or archive) rather than a Git clone. */
    public boolean hasWorkingTree() {
        return sourceDirectory != null || sourceArchive != null;
    }

    @Override
    public String toString() {
        return "DeployOptions[preview="
                + preview
                + ", secrets="
                + secrets.keySet()
                + ", sourceDirectory="
                + sourceDirectory
                + ", sourceArchive="
                + sourceArchive
                + ", gitToken="
                + (gitToken == null ? "none" : "***")
                + "]";
    }

    /**
     * Reads the options; problems are added to {@code problems}, each saying what to set. The
     * secrets file is deleted once read, so the values stay on disk only until the build starts.
     */
    public static DeployOptions read(
            Map<String, String> env, boolean allowLocal, List<String> problems) {
        boolean preview = false;
        String rawPreview = PREVIEW.get(env);
        if (rawPreview != null) {
            switch (rawPreview.toLowerCase(Locale.ROOT)) {
                case "true" -> preview = true;
                case "false" -> preview = false;
                default -> problems.add(PREVIEW + " is not a boolean: set it to true or false.");
            }
        }
        String gitHost = gitHost(GIT_REPOSITORY_URL.get(env));
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> secrets = secrets(SECRETS_FILE.get(env), tokens, problems);
        String gitToken = gitHost == null ? null : tokens.get(gitHost);
        String parameterPath = SECRETS_PARAMETER_PATH.get(env);
        if (parameterPath != null) {
            secrets.putAll(ParameterStoreSecrets.read(parameterPath, problems));
            if (gitHost != null) {
                gitToken =
                        ParameterStoreSecrets.gitToken(parameterPath, gitHost, problems)
                                .orElse(gitToken);
            }
        }
        // A secret variable named GIT_TOKEN (saved so before clone tokens had their own place) is
        // the clone token too, never a build variable.
        String named = secrets.remove("GIT_TOKEN");
        if (gitToken == null) {
            gitToken = named;
        }
        String directory = SOURCE_DIRECTORY.get(env);
        if (directory != null) {
            if (!allowLocal) {
                problems.add(
                        SOURCE_DIRECTORY
                                + " is a local folder, which only local mode builds (the local launcher sets "
                                + ALLOW_LOCAL_REPOSITORY
                                + "=true).");
                directory = null;
            } else if (!Path.of(directory).isAbsolute() || !Files.isDirectory(Path.of(directory))) {
                problems.add(
                        SOURCE_DIRECTORY
                                + "="
                                + directory
                                + " is not an existing absolute folder: give the folder to deploy.");
                directory = null;
            }
        }
        String archive = SOURCE_ARCHIVE.get(env);
        if (archive != null && !ARCHIVE_KEY.matcher(archive).matches()) {
            problems.add(
                    SOURCE_ARCHIVE
                            + " must be a key such as sources/<project>/<deploymentId>.tar.gz.");
            archive = null;
        }
        if (directory != null && archive != null) {
            problems.add("Set " + SOURCE_DIRECTORY + " or " + SOURCE_ARCHIVE + ", not both.");
            archive = null;
        }
        return new DeployOptions(preview, secrets, directory, archive, gitToken);
    }

    /** The lower-case host of an https repository URL, or null (local paths, bad URLs). */
    static String gitHost(String repositoryUrl) {
        if (repositoryUrl == null
                || !repositoryUrl.trim().toLowerCase(Locale.ROOT).startsWith("https://")) {
            return null;
        }
        try {
            String host = java.net.URI.create(repositoryUrl.trim()).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return ParameterStoreSecrets.HOST.matcher(host).matches() ? host : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The build variables of a secrets file; its {@code "git/<host>"} entries (clone tokens) go to
     * {@code tokens} by host instead.
     */
    private static Map<String, String> secrets(
            String file, Map<String, String> tokens, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (file == null) {
            return out;
        }
        Path path = Path.of(file);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(
                    SECRETS_FILE
                            + "="
                            + file
                            + " cannot be read: deploy again, which writes a new one.");
            return out;
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                problems.add(SECRETS_FILE + "=" + file + " cannot be deleted after reading it.");
            }
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            root = null;
        }
        if (root == null || !root.isJsonObject()) {
            problems.add(SECRETS_FILE + " does not hold a JSON object of names and string values.");
            return out;
        }
        JsonObject obj = root.getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : obj.entrySet()) {
            Optional<String> value =
                    e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString()
                            ? Optional.of(e.getValue().getAsString())
                            : Optional.empty();
            String tokenPrefix = ParameterStoreSecrets.GIT_SEGMENT + "/";
            if (e.getKey().startsWith(tokenPrefix) && value.isPresent()) {
                tokens.put(e.getKey().substring(tokenPrefix.length()), value.get());
                continue;
            }
            if (!ENV_NAME.matcher(e.getKey()).matches() || value.isEmpty()) {
                problems.add(
                        SECRETS_FILE
                                + ": every entry must be a variable name with a string value.");
                continue;
            }
            out.put(e.getKey(), value.get());
        }
        return out;
    }
}
