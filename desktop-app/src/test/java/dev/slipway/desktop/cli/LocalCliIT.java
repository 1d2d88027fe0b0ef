package dev.slipway.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.json.Json;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayJar;
import dev.slipway.desktop.backend.Backends;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.testing.FreePorts;
import dev.slipway.testing.GitFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code slipway} end to end in local mode, through the packaged jar with its own home: the local
 * stack started by {@code deploy}, the real builder as a child process, the proxy serving the site.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalCliIT {

    private static final Path BUILDER_JAR =
            Path.of("../builder-container/target/slipway-builder.jar").toAbsolutePath().normalize();

    @TempDir static Path home;
    @TempDir static Path repos;

    private static int proxyPort;
    private static SlipwayJar slipway;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void configure() throws Exception {
        proxyPort = FreePorts.next();
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"local\",\"proxyPort\":" + proxyPort + "}");
        slipway = new SlipwayJar(home, Map.of("SLIPWAY_BUILDER_JAR", BUILDER_JAR.toString()));
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        SlipwayJar.Result down = slipway.run("down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(home.resolve("stack.json")).doesNotExist();
    }

    static HttpResponse<String> get(String project, String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + path))
                        .header("Host", project + ".localhost:" + proxyPort)
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String deploymentId(SlipwayJar.Result deploy) {
        String first = deploy.stdout().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("Deployment ");
        return first.split(" ")[1];
    }

    /**
     * The log part of deploy's output: between its first line (the id) and its last two (the
     * deployment's URL and the site's).
     */
    static List<String> logSection(SlipwayJar.Result deploy) {
        List<String> lines = deploy.stdout().lines().toList();
        return lines.subList(1, lines.size() - 2);
    }

    private static S3Client bucket() {
        return Backends.localS3(StackFile.read(home.resolve("stack.json")).orElseThrow());
    }

    @Test
    @Order(1)
    void deploysAStaticSiteFollowsItToReadyAndServesItThroughTheProxy() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        repos.resolve("static-site"),
                        Map.of("index.html", "<h1>version one</h1>", "about.html", "<p>about</p>"));
        SlipwayJar.Result deploy = slipway.run("deploy", repo.path().toString());
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(deploy.stdout())
                .contains(
                        "-- QUEUED",
                        "-- STARTING",
                        "-- CLONING",
                        "-- UPLOADING",
                        "-- READY http://static-site.localhost:" + proxyPort + "/")
                .endsWith("Ready: http://static-site.localhost:" + proxyPort + "/\n");
        // This deploy started the stack, so no builder could be started ahead of it.
        assertThat(deploy.stdout()).contains("Started the builder (");

        HttpResponse<String> page = get("static-site", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("version one");
        assertThat(get("static-site", "/about").body()).contains("about");

        SlipwayJar.Result logs = slipway.run("logs", deploymentId(deploy));
        assertThat(logs.exit()).as(logs.toString()).isZero();
        assertThat(logs.stdout().lines().toList()).isEqualTo(logSection(deploy));
    }

    @Test
    @Order(2)
    void aSecondDeployThenRollbackServesTheFirstVersionAgain() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        repos.resolve("rolling"), Map.of("index.html", "<h1>first</h1>"));
        SlipwayJar.Result first = slipway.run("deploy", repo.url(), "--slug", "rolling");
        assertThat(first.exit()).as(first.toString()).isZero();
        repo.commit("second", Map.of("index.html", "<h1>second</h1>"));
        SlipwayJar.Result second = slipway.run("deploy", "--slug", "rolling");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(get("rolling", "/").body()).contains("second");
        // With the stack running, each deploy's builder was started while the deploy was checked.
        assertThat(first.stdout())
                .containsPattern(
                        "Handed the build to the builder \\(.*\\) started \\d+ ms before, as process \\d+");
        assertThat(second.stdout()).contains("Handed the build to the builder (");

        SlipwayJar.Result rollback = slipway.run("rollback", "rolling");
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(rollback.stdout()).contains(deploymentId(first));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(get("rolling", "/").body()).contains("first"));

        SlipwayJar.Result list = slipway.run("list", "rolling", "--json");
        assertThat(list.exit()).isZero();
        assertThat(list.stdout())
                .contains(
                        "\"deploymentId\":\""
                                + deploymentId(first)
                                + "\",\"status\":\"READY\",\"live\":true");
    }

    @Test
    @Order(3)
    void aDeployRefusedAfterItsBuilderWasStartedAheadLeavesNoProcessAndNoFile() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(repos.resolve("refused"), Map.of("index.html", "<h1>no</h1>"));
        Path outputs = home.resolve("logs").resolve("builds");
        Set<String> before = Set.copyOf(listing(outputs));

        // Refused inside the deploy service, after the builder was started ahead: a clone token
        // for a repository that is not cloned over https.
        SlipwayJar.Result refused =
                slipway.run(
                        "deploy", repo.path().toString(), "--secret-env", "GIT_TOKEN=abcdef123");

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.stderr()).contains("--secret-env GIT_TOKEN is a clone token");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(buildersWaitingForAJob()).isEmpty());
        assertThat(listing(outputs)).containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<String> listing(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    /** The processes started as a builder of this home waiting for its job. */
    private static List<Long> buildersWaitingForAJob() {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(
                        p -> {
                            try {
                                String environ =
                                        new String(
                                                Files.readAllBytes(
                                                        Path.of(
                                                                "/proc",
                                                                String.valueOf(p.pid()),
                                                                "environ")),
                                                java.nio.charset.StandardCharsets.UTF_8);
                                return environ.contains("SLIPWAY_BUILDER_WAIT=true")
                                        && environ.contains(
                                                "SLIPWAY_TOOLCHAINS="
                                                        + home.resolve("toolchains")
                                                        + "\0");
                            } catch (Exception e) {
                                return false;
                            }
                        })
                .map(ProcessHandle::pid)
                .toList();
    }

    @Test
    @Order(3)
    void buildsANodeAppWithItsBuildScript() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        repos.resolve("node-app"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"node-app\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js",
                                "const fs = require('fs'); fs.mkdirSync('dist', {recursive: true});"
                                        + " console.log('\\u001b[32mbuilt by node\\u001b[0m');"
                                        + " fs.writeFileSync('dist/index.html', '<h1>built ' + (1 + 1) + '</h1>');"));
        SlipwayJar.Result deploy = slipway.run("deploy", repo.path().toString());
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(deploy.stdout()).contains("built by node").doesNotContain("\u001b[");
        assertThat(get("node-app", "/").body()).contains("<h1>built 2</h1>");
    }

    @Test
    @Order(4)
    void aFailingBuildExitsOneWithTheBuildsErrorOnScreen() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        repos.resolve("broken"),
                        Map.of(
                                "package.json",
                                        "{\"name\":\"broken\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js",
                                        "console.error('Error: cannot resolve ./missing-module'); process.exit(2);"));
        SlipwayJar.Result deploy = slipway.run("deploy", repo.path().toString());
        assertThat(deploy.exit()).as(deploy.toString()).isEqualTo(1);
        assertThat(deploy.stdout())
                .contains("Error: cannot resolve ./missing-module")
                .contains("-- FAILED");
        assertThat(deploy.stderr())
                .contains("error: deployment " + deploymentId(deploy) + " FAILED");
        assertThat(get("broken", "/").statusCode()).isEqualTo(404);

        SlipwayJar.Result followed = slipway.run("logs", deploymentId(deploy), "--follow");
        assertThat(followed.exit()).as("logs --follow of a FAILED deployment").isEqualTo(1);
        assertThat(followed.stdout()).contains("Error: cannot resolve ./missing-module");
        SlipwayJar.Result read = slipway.run("logs", deploymentId(deploy));
        assertThat(read.exit()).as("reading a log that exists succeeds").isZero();

        String unknown = dev.slipway.core.deployment.DeploymentId.newId().value();
        SlipwayJar.Result none = slipway.run("logs", unknown, "--follow");
        assertThat(none.exit()).as(none.toString()).isEqualTo(2);
        assertThat(none.stderr()).contains("No log of deployment " + unknown + " exists");
    }

    @Test
    @Order(5)
    void cancelStopsASlowBuildAndItsWholeProcessTree() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        repos.resolve("slow"),
                        Map.of(
                                "package.json",
                                        "{\"name\":\"slow\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js",
                                        "console.log('slow build started'); setTimeout(() => {}, 600000);"));
        SlipwayJar.Running deploy = slipway.start("deploy", repo.path().toString());
        await().atMost(Duration.ofSeconds(120))
                .until(() -> deploy.stdoutSoFar().contains("slow build started"));
        String out = deploy.stdoutSoFar();
        String id = out.lines().findFirst().orElseThrow().split(" ")[1];
        long builderPid = Long.parseLong(out.replaceAll("(?s).*as process (\\d+).*", "$1"));
        List<ProcessHandle> tree =
                ProcessHandle.of(builderPid).orElseThrow().descendants().toList();
        assertThat(tree).as("the build's node process").isNotEmpty();

        SlipwayJar.Result cancel = slipway.run("cancel", id);
        assertThat(cancel.exit()).as(cancel.toString()).isZero();
        SlipwayJar.Result followed = deploy.await(Duration.ofSeconds(60));
        assertThat(followed.exit()).as(followed.toString()).isEqualTo(1);
        assertThat(followed.stdout()).contains("-- CANCELED");
        assertThat(ProcessHandle.of(builderPid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));

        SlipwayJar.Result again = slipway.run("cancel", id);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.stderr()).contains("already ended CANCELED");
    }

    @Test
    @Order(6)
    void removeLeavesNoKeyOfTheProjectAndNoOrphanBlob() throws Exception {
        SlipwayJar.Result remove = slipway.run("remove", "rolling", "--yes");
        assertThat(remove.exit()).as(remove.toString()).isZero();
        try (S3Client s3 = bucket()) {
            List<String> keys =
                    s3
                            .listObjectsV2Paginator(b -> b.bucket(StackFile.LOCAL_BUCKET))
                            .contents()
                            .stream()
                            .map(S3Object::key)
                            .toList();
            assertThat(keys).noneMatch(k -> k.contains("rolling"));
            Set<String> used = new HashSet<>();
            for (String key : keys) {
                if (key.startsWith(StorageLayout.DEPLOYMENTS)) {
                    Manifest m =
                            Json.documents()
                                    .fromJson(
                                            s3.getObjectAsBytes(
                                                            b ->
                                                                    b.bucket(StackFile.LOCAL_BUCKET)
                                                                            .key(key))
                                                    .asUtf8String(),
                                            Manifest.class);
                    m.files().values().forEach(f -> used.add(f.sha256()));
                }
            }
            assertThat(
                            keys.stream()
                                    .map(StorageLayout::shaOfAnyBlobKey)
                                    .flatMap(java.util.Optional::stream))
                    .allMatch(used::contains);
        }
        assertThat(get("rolling", "/").statusCode()).isEqualTo(404);
        assertThat(slipway.run("list").stdout()).doesNotContain("rolling").contains("static-site");
    }

    @Test
    @Order(7)
    void sitesSurviveARestartOfTheStack() throws Exception {
        assertThat(slipway.run("down").exit()).isZero();
        SlipwayJar.Result up = slipway.run("up", "--detach");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(get("static-site", "/").body()).contains("version one");
    }

    @Test
    @Order(8)
    void aTakenProxyPortIsNamedWithHowToChangeIt(@TempDir Path otherHome) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(
                    otherHome.resolve("config.json"),
                    "{\"proxyPort\":" + taken.getLocalPort() + "}");
            SlipwayJar.Result up = new SlipwayJar(otherHome, Map.of()).run("up", "--detach");
            assertThat(up.exit()).as(up.toString()).isEqualTo(2);
            assertThat(up.stderr())
                    .contains("Port " + taken.getLocalPort() + " (proxyPort) is already in use")
                    .contains("\"proxyPort\" in " + otherHome.resolve("config.json"));
        }
    }
}
