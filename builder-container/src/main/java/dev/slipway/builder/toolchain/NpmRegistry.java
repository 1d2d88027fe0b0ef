package dev.slipway.builder.toolchain;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The npm registry, read-only: a package's versions (the abbreviated metadata npm itself uses) and
 * a tarball downloaded and checked against its {@code dist.integrity} (sha512).
 */
final class NpmRegistry {

    /** A version's tarball and what it needs. */
    record Release(
            URI tarball,
            @Nullable String integrity,
            @Nullable String enginesNode,
            boolean deprecated) {}

    /** The registry could not be reached or answered with an error: an infrastructure failure. */
    static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    private final URI base;
    private final HttpClient http;

    NpmRegistry(URI base) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        HttpClient.Builder builder =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL);
        // Java's proxy settings (https.proxyHost…) apply, when there are any.
        java.net.ProxySelector proxies = java.net.ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        this.http = builder.build();
    }

    URI base() {
        return base;
    }

    /**
     * Every version of {@code name} with its tarball; an empty map when the registry has no such
     * package.
     */
    Map<NodeVersion, Release> versions(String name) throws UnreachableException {
        URI uri = base.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%40", "@"));
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .header("Accept", "application/vnd.npm.install-v1+json")
                        .GET()
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnreachableException(uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(uri + ": interrupted", e);
        }
        if (response.statusCode() == 404) {
            return Map.of();
        }
        if (response.statusCode() != 200) {
            throw new UnreachableException(uri + " answered HTTP " + response.statusCode(), null);
        }
        try {
            return parse(response.body());
        } catch (JsonParseException | IllegalStateException | ClassCastException e) {
            throw new UnreachableException(uri + " answered with metadata that is not JSON", e);
        }
    }

    static Map<NodeVersion, Release> parse(String body) {
        JsonObject versions =
                JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("versions");
        Map<NodeVersion, Release> out = new LinkedHashMap<>();
        if (versions == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : versions.entrySet()) {
            Optional<NodeVersion> v = NodeVersion.parse(e.getKey());
            if (v.isEmpty() || !e.getValue().isJsonObject()) {
                continue;
            }
            JsonObject meta = e.getValue().getAsJsonObject();
            JsonObject dist = meta.getAsJsonObject("dist");
            if (dist == null || !dist.has("tarball")) {
                continue;
            }
            String engines = null;
            JsonElement eng = meta.get("engines");
            if (eng != null && eng.isJsonObject() && eng.getAsJsonObject().has("node")) {
                JsonElement node = eng.getAsJsonObject().get("node");
                engines = node.isJsonPrimitive() ? node.getAsString() : null;
            }
            out.put(
                    v.get(),
                    new Release(
                            URI.create(dist.get("tarball").getAsString()),
                            dist.has("integrity") ? dist.get("integrity").getAsString() : null,
                            engines,
                            meta.has("deprecated")));
        }
        return out;
    }

    /**
     * Downloads {@code release}'s tarball to {@code target}, checking its sha512 against {@code
     * dist.integrity}.
     *
     * @param canceled polled while downloading; true stops it
     * @return the number of bytes
     * @throws UnreachableException when the download fails
     * @throws IntegrityException when the bytes are not the ones the registry lists
     */
    long download(Release release, Path target, BooleanSupplier canceled)
            throws UnreachableException, IntegrityException {
        String expected = sha512(release.integrity());
        if (expected == null) {
            throw new IntegrityException(
                    release.tarball() + " has no sha512 integrity in the registry's metadata");
        }
        HttpRequest request =
                HttpRequest.newBuilder(release.tarball())
                        .timeout(Duration.ofMinutes(10))
                        .GET()
                        .build();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        try {
            HttpResponse<InputStream> response =
                    http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body();
                    OutputStream out = Files.newOutputStream(target)) {
                if (response.statusCode() != 200) {
                    throw new UnreachableException(
                            release.tarball() + " answered HTTP " + response.statusCode(), null);
                }
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (canceled.getAsBoolean()) {
                        throw new UnreachableException("the download was stopped", null);
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
        } catch (IOException e) {
            throw new UnreachableException(release.tarball() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(release.tarball() + ": interrupted", e);
        }
        String actual = Base64.getEncoder().encodeToString(digest.digest());
        if (!actual.equals(expected)) {
            throw new IntegrityException(
                    release.tarball()
                            + " does not match its sha512 in the registry (expected "
                            + expected
                            + ", got "
                            + actual
                            + ")");
        }
        return size;
    }

    /** The base64 sha512 of an SRI string ({@code sha512-…}, maybe among others), or null. */
    static @Nullable String sha512(@Nullable String integrity) {
        if (integrity == null) {
            return null;
        }
        for (String part : integrity.trim().split("\\s+")) {
            if (part.startsWith("sha512-")) {
                return part.substring("sha512-".length());
            }
        }
        return null;
    }

    /** A tarball that is not what the registry lists. */
    static final class IntegrityException extends Exception {
        private static final long serialVersionUID = 1L;

        IntegrityException(String message) {
            super(message);
        }
    }
}
