package dev.slipway.desktop.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds both images with the same Jib command {@code slipway aws push-images} runs, to tar files
 * ({@code jib:buildTar}) on an offline base this test makes (public registries are out of reach in
 * CI), unpacks their layers and checks what a task would run: the entrypoint and every file it
 * names are in the layers and executable, the main class is on the classpath it names, and user and
 * working directory are the Dockerfile's. The base stands in for the public image (Node.js or
 * Temurin), so what only the base provides ({@code setpriv}, {@code node}) is not checked here.
 */
class ImageTarsIT {

    @TempDir static Path dir;
    static Path checkout;
    static Path base;

    @BeforeAll
    static void offlineBase() throws IOException {
        checkout = Path.of("").toAbsolutePath().getParent();
        base = dir.resolve("base.tar");
        writeBaseImage(base);
    }

    @Test
    void builderImageRunsTheBuilderWithJavaAndCorepackAsTheDockerfileDoes() throws Exception {
        Path tar = build(JibBuild.Image.BUILDER, Map.of("slipway.jre.dir", linuxJre().toString()));
        Image image = Image.read(tar);
        Dockerfile dockerfile = Dockerfile.read(checkout.resolve("builder-container/Dockerfile"));

        assertThat(image.entrypoint()).isEqualTo(dockerfile.entrypoint());
        assertThat(image.executable("/opt/slipway/entrypoint.sh")).isTrue();
        String script = image.text("/opt/slipway/entrypoint.sh");
        assertThat(script).contains("-- java ").contains("dev.slipway.builder.BuilderMain");
        // `java` as the entrypoint finds it: on the image's PATH, from the JRE layer.
        assertThat(image.onPath("java")).isEqualTo("/opt/java/bin/java");
        assertThat(image.executable("/opt/java/bin/java")).isTrue();
        assertThat(image.files()).contains("/opt/java/lib/modules");
        // The classpath the script runs: Jib's classpath file, naming classes and jars that exist.
        assertThat(image.env("SLIPWAY_CLASSPATH")).isEqualTo("@/app/jib-classpath-file");
        assertClasspathHolds(image, "dev/slipway/builder/BuilderMain.class");
        assertThat(image.files())
                .anyMatch(f -> f.matches("/app/libs/org\\.eclipse\\.jgit-.*\\.jar"));
        // corepack's shims, as `corepack enable` in the Dockerfile makes them.
        for (String tool : List.of("pnpm", "pnpx", "yarn", "yarnpkg")) {
            assertThat(image.executable("/usr/local/bin/" + tool)).as(tool).isTrue();
            assertThat(image.text("/usr/local/bin/" + tool)).contains("exec corepack " + tool);
        }
        assertThat(image.user()).isEqualTo(dockerfile.user());
        assertThat(image.workingDir()).isEqualTo(dockerfile.workdir());
        assertThat(image.env("SLIPWAY_BUILD_USER")).isEqualTo("build");
    }

    @Test
    void proxyImageRunsTheProxyAsTheDockerfileDoes() throws Exception {
        Path tar = build(JibBuild.Image.PROXY, Map.of());
        Image image = Image.read(tar);
        Dockerfile dockerfile = Dockerfile.read(checkout.resolve("proxy-service/Dockerfile"));

        List<String> entrypoint = image.entrypoint();
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError");
        assertThat(dockerfile.entrypoint()).contains("-XX:MaxRAMPercentage=40");
        assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo("dev.slipway.proxy.ProxyMain");
        for (String arg : entrypoint) {
            if (arg.startsWith("@/")) {
                assertThat(image.files()).as(arg).contains(arg.substring(1));
            }
        }
        assertClasspathHolds(image, "dev/slipway/proxy/ProxyMain.class");
        assertThat(image.user()).isEqualTo(dockerfile.user());
        assertThat(image.workingDir()).isEqualTo(dockerfile.workdir());
    }

    /**
     * This machine's Java runtime laid out as an unpacked JRE tarball is: {@code bin}, {@code lib},
     * {@code conf}, {@code release}, with links resolved and the JDK's source archive left out.
     */
    private static Path linuxJre() throws IOException {
        Path home = Path.of(System.getProperty("java.home")).toRealPath();
        Path jre = dir.resolve("jre");
        for (String part : List.of("bin", "lib", "conf", "release")) {
            Path from = home.resolve(part);
            if (!Files.exists(from)) {
                continue;
            }
            try (var paths = Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    Path to = jre.resolve(home.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else if (Files.isRegularFile(p)
                            && !p.getFileName().toString().equals("src.zip")) {
                        Files.createDirectories(to.getParent());
                        Files.copy(p, to);
                    }
                }
            }
        }
        return jre;
    }

    private static void assertClasspathHolds(Image image, String classFile) {
        String classpath = image.text("/app/jib-classpath-file").trim();
        boolean found = false;
        for (String entry : classpath.split(":")) {
            if (entry.endsWith("/*")) {
                String folder = entry.substring(0, entry.length() - 1);
                assertThat(image.files())
                        .as(entry)
                        .anyMatch(f -> f.startsWith(folder) && f.endsWith(".jar"));
            } else {
                assertThat(image.files())
                        .as(entry)
                        .anyMatch(f -> f.startsWith(entry + "/") || f.equals(entry));
                found |= image.files().contains(entry + "/" + classFile);
            }
        }
        assertThat(found).as(classFile + " on " + classpath).isTrue();
    }

    private static Path build(JibBuild.Image which, Map<String, String> extra) throws Exception {
        Path tar = dir.resolve(which.module() + ".tar");
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("jib.from.image", "tar://" + base);
        properties.put("jib.outputPaths.tar", tar.toString());
        properties.put(
                "jib.outputPaths.digest", dir.resolve(which.module() + ".digest").toString());
        properties.put("jib.outputPaths.imageId", dir.resolve(which.module() + ".id").toString());
        properties.put(
                "jib.outputPaths.imageJson", dir.resolve(which.module() + ".json").toString());
        properties.put("image", "slipway-test/" + which.module() + ":test");
        List<String> command = new JibBuild(which, "buildTar", properties).command("mvn", checkout);
        Path log = dir.resolve(which.module() + ".log");
        Process process =
                new ProcessBuilder(command)
                        .directory(checkout.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        boolean ended = process.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended && process.exitValue() == 0)
                .as("%s failed:%n%s", String.join(" ", command), Files.readString(log))
                .isTrue();
        return tar;
    }

    /** A one-layer image in `docker save` form, which Jib takes as {@code tar://…}. */
    private static void writeBaseImage(Path target) throws IOException {
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(layer)) {
            addFile(
                    out,
                    "etc/os-release",
                    "ID=slipway-test-base\n".getBytes(StandardCharsets.UTF_8),
                    0644);
        }
        byte[] layerBytes = layer.toByteArray();
        String diffId = "sha256:" + sha256(layerBytes);
        String config =
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/local/bin:/usr/bin:/bin\"]},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + diffId
                        + "\"]},\"history\":[{\"created_by\":\"ImageTarsIT\"}]}";
        String manifest =
                "[{\"Config\":\"config.json\",\"RepoTags\":[\"slipway-test-base:1\"],\"Layers\":[\"layer.tar\"]}]";
        try (OutputStream file = Files.newOutputStream(target);
                TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            addFile(out, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644);
            addFile(out, "config.json", config.getBytes(StandardCharsets.UTF_8), 0644);
            addFile(out, "layer.tar", layerBytes, 0644);
        }
    }

    private static void addFile(TarArchiveOutputStream out, String name, byte[] bytes, int mode)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(mode);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An image tar's config and the union of its layers. */
    record Image(
            JsonObject config, Map<String, TarArchiveEntry> entries, Map<String, byte[]> small) {

        static Image read(Path tar) throws IOException {
            Map<String, byte[]> top = new HashMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
                TarArchiveEntry e;
                while ((e = in.getNextEntry()) != null) {
                    top.put(e.getName(), in.readAllBytes());
                }
            }
            JsonObject manifest =
                    JsonParser.parseString(
                                    new String(top.get("manifest.json"), StandardCharsets.UTF_8))
                            .getAsJsonArray()
                            .get(0)
                            .getAsJsonObject();
            JsonObject config =
                    JsonParser.parseString(
                                    new String(
                                            top.get(manifest.get("Config").getAsString()),
                                            StandardCharsets.UTF_8))
                            .getAsJsonObject()
                            .getAsJsonObject("config");
            Map<String, TarArchiveEntry> entries = new HashMap<>();
            Map<String, byte[]> small = new HashMap<>();
            for (JsonElement layerName : manifest.getAsJsonArray("Layers")) {
                byte[] layer = top.get(layerName.getAsString());
                InputStream raw = new java.io.ByteArrayInputStream(layer);
                InputStream body =
                        layer.length > 2 && layer[0] == 0x1f && (layer[1] & 0xff) == 0x8b
                                ? new GZIPInputStream(raw)
                                : raw;
                try (TarArchiveInputStream in = new TarArchiveInputStream(body)) {
                    TarArchiveEntry e;
                    while ((e = in.getNextEntry()) != null) {
                        String path =
                                "/"
                                        + e.getName()
                                                .replaceFirst("^\\./", "")
                                                .replaceFirst("^/", "")
                                                .replaceFirst("/$", "");
                        entries.put(path, e);
                        if (e.isFile() && e.getSize() < 64 * 1024) {
                            small.put(path, in.readAllBytes());
                        }
                    }
                }
            }
            return new Image(config, entries, small);
        }

        java.util.Set<String> files() {
            return entries.keySet();
        }

        boolean executable(String path) {
            TarArchiveEntry e = entries.get(path);
            return e != null && e.isFile() && (e.getMode() & 0111) == 0111;
        }

        String text(String path) {
            byte[] bytes = small.get(path);
            assertThat(bytes).as(path + " in the image").isNotNull();
            return new String(bytes, StandardCharsets.UTF_8);
        }

        List<String> entrypoint() {
            List<String> out = new ArrayList<>();
            config.getAsJsonArray("Entrypoint").forEach(a -> out.add(a.getAsString()));
            return out;
        }

        String env(String name) {
            JsonArray env = config.getAsJsonArray("Env");
            for (JsonElement e : env) {
                String pair = e.getAsString();
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
            return null;
        }

        String onPath(String command) {
            for (String folder : env("PATH").split(":")) {
                if (executable(folder + "/" + command)) {
                    return folder + "/" + command;
                }
            }
            return null;
        }

        String user() {
            return config.has("User") && !config.get("User").isJsonNull()
                    ? config.get("User").getAsString()
                    : "";
        }

        String workingDir() {
            return config.has("WorkingDir") && !config.get("WorkingDir").isJsonNull()
                    ? config.get("WorkingDir").getAsString()
                    : "";
        }
    }

    /** The final stage's USER, WORKDIR and ENTRYPOINT (exec form) of a Dockerfile. */
    record Dockerfile(String user, String workdir, List<String> entrypoint) {

        static Dockerfile read(Path file) throws IOException {
            String user = "";
            String workdir = "";
            List<String> entrypoint = List.of();
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.startsWith("FROM ")) {
                    user = "";
                    workdir = "";
                    entrypoint = List.of();
                } else if (l.startsWith("USER ")) {
                    user = l.substring(5).strip();
                } else if (l.startsWith("WORKDIR ")) {
                    workdir = l.substring(8).strip();
                } else if (l.startsWith("ENTRYPOINT ")) {
                    List<String> args = new ArrayList<>();
                    JsonParser.parseString(l.substring(11))
                            .getAsJsonArray()
                            .forEach(a -> args.add(a.getAsString()));
                    entrypoint = args;
                }
            }
            return new Dockerfile(user, workdir, entrypoint);
        }
    }
}
