package dev.slipway.desktop.aws;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.desktop.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The Java runtime of the builder image: Eclipse Temurin's newest JRE 17 for Linux x64 (the task
 * definition's CPU architecture), from the Adoptium API, checked against its published SHA-256 and
 * unpacked once under {@code $SLIPWAY_HOME/cache/jre/<release>}.
 */
final class TemurinJre {

    static final String ASSETS =
            "https://api.adoptium.net/v3/assets/latest/17/hotspot?architecture=x64&image_type=jre&os=linux&vendor=eclipse";

    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
    private final Path cache;

    TemurinJre(Path cache) {
        this.cache = cache;
    }

    /** The unpacked JRE's folder (holding {@code bin/java}), downloaded when not cached. */
    Path unpacked() {
        try {
            JsonObject binary =
                    JsonParser.parseString(get(ASSETS))
                            .getAsJsonArray()
                            .get(0)
                            .getAsJsonObject()
                            .getAsJsonObject("binary")
                            .getAsJsonObject("package");
            String link = binary.get("link").getAsString();
            String sha256 = binary.get("checksum").getAsString();
            String name = binary.get("name").getAsString().replaceAll("\\.tar\\.gz$", "");
            Path target = cache.resolve(name);
            if (Files.isRegularFile(target.resolve("bin/java"))) {
                return target;
            }
            Path partial = cache.resolve(name + ".partial");
            deleteTree(partial);
            Files.createDirectories(partial);
            download(link, sha256, partial);
            Files.move(partial, target);
            return target;
        } catch (IOException e) {
            throw SlipwayException.infrastructure(
                    "Could not download the Java runtime for the builder image from api.adoptium.net; check the connection, or pass --jre-dir with an unpacked Temurin 17 JRE for linux/x64.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SlipwayException.infrastructure("Interrupted while downloading the JRE.", e);
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        return response.body();
    }

    private void download(String link, String sha256, Path into)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(link)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + link);
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream body = new DigestInputStream(response.body(), digest);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(body))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                // The tarball holds one top folder (jdk-17.0.x+y-jre/); drop it.
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = into.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException(
                            "The JRE archive holds a path outside its folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    if ((entry.getMode() & 0100) != 0) {
                        Set<PosixFilePermission> perms =
                                new HashSet<>(Files.getPosixFilePermissions(out));
                        perms.add(PosixFilePermission.OWNER_EXECUTE);
                        Files.setPosixFilePermissions(out, perms);
                    }
                }
            }
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(sha256)) {
            deleteTree(into);
            throw new IOException(
                    "The JRE download's SHA-256 is " + actual + ", not the published " + sha256);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
