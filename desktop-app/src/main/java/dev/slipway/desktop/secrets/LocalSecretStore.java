package dev.slipway.desktop.secrets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.core.build.BuildVariable;
import dev.slipway.core.config.SlipwayHome;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Local mode's secrets: {@code $SLIPWAY_HOME/secrets/<project>.json}, a JSON object of names and
 * values that only its owner can read. For a build, the project's secrets are copied to {@code
 * $SLIPWAY_HOME/builds/<id>.secrets.json} (owner-only too), whose path is the builder's {@code
 * SECRETS_FILE}; the builder deletes it once read. A clone token is kept in the same file as {@code
 * "git/<host>"}, and only the token of the build's own host is copied for a build.
 */
public final class LocalSecretStore implements SecretStore {

    private static final Set<PosixFilePermission> OWNER_FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR =
            PosixFilePermissions.fromString("rwx------");

    private final SlipwayHome home;

    public LocalSecretStore(SlipwayHome home) {
        this.home = home;
    }

    @Override
    public synchronized void put(Slug project, String name, String value) {
        Map<String, String> all = read(project);
        all.put(name, value);
        write(file(project), all);
    }

    @Override
    public synchronized void remove(Slug project, String name) {
        Map<String, String> all = read(project);
        if (all.remove(name) != null) {
            write(file(project), all);
        }
    }

    @Override
    public synchronized void removeAll(Slug project) {
        try {
            Files.deleteIfExists(file(project));
        } catch (IOException e) {
            throw failure(file(project), e);
        }
    }

    @Override
    public synchronized Set<String> names(Slug project) {
        Set<String> names = new TreeSet<>(read(project).keySet());
        names.removeIf(LocalSecretStore::isToken);
        return names;
    }

    @Override
    public synchronized void putGitToken(Slug project, String host, String token) {
        Map<String, String> all = read(project);
        all.put(TOKEN_PREFIX + host, token);
        write(file(project), all);
    }

    @Override
    public synchronized void removeGitTokens(Slug project) {
        Map<String, String> all = read(project);
        if (all.keySet().removeIf(LocalSecretStore::isToken)) {
            write(file(project), all);
        }
    }

    @Override
    public synchronized Map<String, String> builderEnvironment(
            Slug project, DeploymentId id, String gitHost) {
        Map<String, String> all = read(project);
        all.keySet().removeIf(k -> isToken(k) && !k.equals(TOKEN_PREFIX + gitHost));
        if (all.isEmpty()) {
            return Map.of();
        }
        Path file = home.root().resolve("builds").resolve(id.value() + ".secrets.json");
        write(file, all);
        return Map.of(BuildVariable.SECRETS_FILE.name(), file.toString());
    }

    /** The key prefix of a clone token in the secrets file, as the builder reads it. */
    private static final String TOKEN_PREFIX = "git/";

    private static boolean isToken(String key) {
        return key.startsWith(TOKEN_PREFIX);
    }

    private Path file(Slug project) {
        return home.root().resolve("secrets").resolve(project.value() + ".json");
    }

    private Map<String, String> read(Slug project) {
        Path file = file(project);
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            JsonElement root =
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (root.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
                    out.put(e.getKey(), e.getValue().getAsString());
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw SlipwayException.infrastructure(
                    "Cannot read the secrets in "
                            + file
                            + " ("
                            + e.getMessage()
                            + "); fix or delete that file.",
                    e);
        }
    }

    /** Writes through a temporary file made owner-only before any value is in it. */
    private static void write(Path file, Map<String, String> values) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, OWNER_DIR);
            Path tmp = Files.createTempFile(dir, ".secrets", ".tmp");
            Files.setPosixFilePermissions(tmp, OWNER_FILE);
            JsonObject json = new JsonObject();
            new TreeMap<>(values).forEach(json::addProperty);
            Files.writeString(tmp, json.toString(), StandardCharsets.UTF_8);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            throw failure(file, e);
        }
    }

    private static SlipwayException failure(Path file, Exception e) {
        return SlipwayException.infrastructure(
                "Cannot write the secrets file "
                        + file
                        + " ("
                        + e.getMessage()
                        + "); check that its folder is yours and writable.",
                e);
    }
}
