package dev.slipway.core.storage;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.project.Slug;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that knows the bucket's layout (contract section 4). Every key any program reads or
 * writes comes from here.
 *
 * <pre>
 * blobs/&lt;sha256-hex&gt;[.gz|.br]                  file bytes, by content; never changed
 * deployments/&lt;project&gt;/&lt;deploymentId&gt;.json    a deployment's manifest
 * projects/&lt;project&gt;.json                      the project record with the live pointer
 * logs/&lt;project&gt;/&lt;deploymentId&gt;.ndjson         the archived build log
 * cache/&lt;project&gt;/&lt;key&gt;.tar.gz                 the dependency cache
 * sources/&lt;project&gt;/&lt;deploymentId&gt;.tar.gz      a folder's working tree, for a deploy without Git
 * domains/&lt;host&gt;.json                         a custom domain of a project
 * </pre>
 */
public final class StorageLayout {

    public static final String BLOBS = "blobs/";
    public static final String DEPLOYMENTS = "deployments/";
    public static final String PROJECTS = "projects/";
    public static final String LOGS = "logs/";
    public static final String CACHE = "cache/";
    public static final String SOURCES = "sources/";
    public static final String DOMAINS = "domains/";

    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern CACHE_KEY = Pattern.compile("^[A-Za-z0-9._-]{1,200}$");

    private StorageLayout() {}

    /** A precompressed variant of a blob. */
    public enum Encoding {
        GZIP(".gz", "gzip"),
        BROTLI(".br", "br");

        private final String suffix;
        private final String contentEncoding;

        Encoding(String suffix, String contentEncoding) {
            this.suffix = suffix;
            this.contentEncoding = contentEncoding;
        }

        public String suffix() {
            return suffix;
        }

        /** The {@code Content-Encoding} token this variant is served with. */
        public String contentEncoding() {
            return contentEncoding;
        }
    }

    public static String blob(String sha256) {
        return BLOBS + requireSha(sha256);
    }

    public static String blob(String sha256, Encoding encoding) {
        return BLOBS + requireSha(sha256) + encoding.suffix();
    }

    /** The hash of {@code blobs/<sha>} (not of a variant), if the key is one. */
    public static Optional<String> shaOfBlobKey(String key) {
        if (!key.startsWith(BLOBS)) {
            return Optional.empty();
        }
        String rest = key.substring(BLOBS.length());
        return SHA256_HEX.matcher(rest).matches() ? Optional.of(rest) : Optional.empty();
    }

    /** The hash of a blob or of one of its variants, if the key is one. */
    public static Optional<String> shaOfAnyBlobKey(String key) {
        if (!key.startsWith(BLOBS)) {
            return Optional.empty();
        }
        String rest = key.substring(BLOBS.length());
        for (Encoding e : Encoding.values()) {
            if (rest.endsWith(e.suffix())) {
                rest = rest.substring(0, rest.length() - e.suffix().length());
                break;
            }
        }
        return SHA256_HEX.matcher(rest).matches() ? Optional.of(rest) : Optional.empty();
    }

    public static String manifest(Slug project, DeploymentId id) {
        return DEPLOYMENTS + project.value() + "/" + id.value() + ".json";
    }

    /** The prefix under which all of a project's manifests are. */
    public static String manifestsOf(Slug project) {
        return DEPLOYMENTS + project.value() + "/";
    }

    /** The deployment id of a manifest key, if the key is one. */
    public static Optional<DeploymentId> deploymentIdOfManifestKey(String key) {
        if (!key.startsWith(DEPLOYMENTS) || !key.endsWith(".json")) {
            return Optional.empty();
        }
        String name = key.substring(key.lastIndexOf('/') + 1, key.length() - ".json".length());
        return DeploymentId.isValid(name) ? Optional.of(DeploymentId.of(name)) : Optional.empty();
    }

    public static String project(Slug project) {
        return PROJECTS + project.value() + ".json";
    }

    /** The project slug of a project record key, if the key is one. */
    public static Optional<Slug> projectOfRecordKey(String key) {
        if (!key.startsWith(PROJECTS) || !key.endsWith(".json")) {
            return Optional.empty();
        }
        String name = key.substring(PROJECTS.length(), key.length() - ".json".length());
        return Slug.isValid(name) ? Optional.of(Slug.of(name)) : Optional.empty();
    }

    public static String logArchive(Slug project, DeploymentId id) {
        return LOGS + project.value() + "/" + id.value() + ".ndjson";
    }

    public static String logsOf(Slug project) {
        return LOGS + project.value() + "/";
    }

    /**
     * The dependency cache for a key made of the lockfile's hash and the Node major version.
     *
     * @param extension {@code tar.gz} or {@code tar.zst}
     */
    public static String cache(Slug project, String key, String extension) {
        if (!CACHE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "A cache key uses only letters, digits, '.', '_' and '-': " + key);
        }
        if (!extension.equals("tar.gz") && !extension.equals("tar.zst")) {
            throw new IllegalArgumentException(
                    "A cache archive is tar.gz or tar.zst, not " + extension);
        }
        return CACHE + project.value() + "/" + key + "." + extension;
    }

    public static String cacheOf(Slug project) {
        return CACHE + project.value() + "/";
    }

    /** The working-tree archive of a deploy without Git ({@code SOURCE_ARCHIVE}). */
    public static String sourceArchive(Slug project, DeploymentId id) {
        return SOURCES + project.value() + "/" + id.value() + ".tar.gz";
    }

    public static String sourcesOf(Slug project) {
        return SOURCES + project.value() + "/";
    }

    /**
     * A custom domain's record; {@code host} as normalized by {@code DomainRecord.normalizeHost}.
     */
    public static String domain(String host) {
        if (host == null || host.isEmpty() || host.contains("/")) {
            throw new IllegalArgumentException("Not a host name: " + host);
        }
        return DOMAINS + host + ".json";
    }

    /** The host of a domain record key, if the key is one. */
    public static Optional<String> hostOfDomainKey(String key) {
        if (!key.startsWith(DOMAINS) || !key.endsWith(".json")) {
            return Optional.empty();
        }
        String host = key.substring(DOMAINS.length(), key.length() - ".json".length());
        return host.isEmpty() || host.contains("/") ? Optional.empty() : Optional.of(host);
    }

    private static String requireSha(String sha256) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a lower-case SHA-256 hex digest: " + sha256);
        }
        return sha256;
    }
}
