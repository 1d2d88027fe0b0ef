package dev.slipway.desktop.stackcommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.desktop.SlipwayJar;
import dev.slipway.desktop.stack.StackFile;
import dev.slipway.testing.FreePorts;
import dev.slipway.testing.GitFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway deploy} handed to the running local stack over {@code $SLIPWAY_HOME/stack.sock},
 * through the packaged jar: who runs it, with whose environment, what Ctrl-C does, and the way back
 * to running it in its own process when no stack answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackCommandsIT {

    private static final Path BUILDER_JAR =
            Path.of("../builder-container/target/slipway-builder.jar").toAbsolutePath().normalize();

    @TempDir static Path home;
    @TempDir static Path work;

    private static int proxyPort;
    private static Map<String, String> env;
    private static SlipwayJar slipway;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void configure() throws Exception {
        proxyPort = FreePorts.next();
        Files.writeString(
                home.resolve("config.json"),
                "{\"mode\":\"local\",\"proxyPort\":" + proxyPort + "}");
        env = Map.of("SLIPWAY_BUILDER_JAR", BUILDER_JAR.toString());
        slipway = new SlipwayJar(home, env);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        SlipwayJar.Result down = slipway.run("down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(home.resolve("stack.sock")).doesNotExist();
    }

    private static HttpResponse<String> get(String project) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/"))
                        .header("Host", project + ".localhost:" + proxyPort)
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long stackPid() {
        return StackFile.read(home.resolve("stack.json")).orElseThrow().pid();
    }

    @Test
    @Order(1)
    void withAStaleSocketAndNoStackTheDeployRunsInItsOwnProcessAndStartsTheStack()
            throws Exception {
        // What a stack killed with SIGKILL leaves: the socket's file, with nothing listening.
        Files.writeString(home.resolve("stack.sock"), "");
        GitFixture repo =
                GitFixture.withFiles(work.resolve("first"), Map.of("index.html", "<h1>one</h1>"));

        SlipwayJar.Result deploy = slipway.run("deploy", repo.path().toString(), "-v");

        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(deploy.stderr()).doesNotContain("run by the local stack");
        assertThat(get("first").body()).contains("<h1>one</h1>");
        // The stack it started listens on a socket of its own, for this user only.
        Path socket = home.resolve("stack.sock");
        assertThat(Files.isRegularFile(socket)).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-------");
    }

    @Test
    @Order(2)
    void withTheStackRunningTheDeployRunsInTheStackWithTheCallersEnvironment() throws Exception {
        // A tool on the caller's PATH only (a version manager's node, say): the stack was started
        // without it, and the build must still find it.
        Path bin = Files.createDirectories(work.resolve("caller-bin"));
        Path tool = bin.resolve("caller-mark");
        Files.writeString(tool, "#!/bin/sh\necho from-the-callers-path\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        GitFixture repo =
                GitFixture.withFiles(
                        work.resolve("second"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"second\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js",
                                "const fs = require('fs'); const mark = require('child_process')"
                                        + ".execSync('caller-mark').toString().trim();"
                                        + " fs.mkdirSync('dist', {recursive: true});"
                                        + " fs.writeFileSync('dist/index.html', '<h1>' + mark + '</h1>');"));
        Map<String, String> callerEnv = new java.util.HashMap<>(env);
        callerEnv.put("PATH", bin + ":" + System.getenv("PATH"));
        SlipwayJar caller = new SlipwayJar(home, callerEnv);

        SlipwayJar.Result deploy = caller.run("deploy", repo.path().toString(), "-v");

        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(deploy.stderr())
                .contains("slipway: run by the local stack (process " + stackPid() + ")");
        assertThat(deploy.stdout())
                .startsWith("Deployment ")
                .contains("-- READY")
                .contains("Ready: http://second.localhost:" + proxyPort + "/");
        assertThat(get("second").body()).contains("<h1>from-the-callers-path</h1>");
    }

    @Test
    @Order(3)
    void aDeployRefusedInTheStackSaysWhyAndExitsTwo() throws Exception {
        SlipwayJar.Result refused = slipway.run("deploy", "--slug", "never-deployed-here", "-v");

        assertThat(refused.stderr()).contains("run by the local stack");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.stderr()).contains("error: ").contains("never-deployed-here");
    }

    @Test
    @Order(4)
    void ctrlCStopsFollowingWithTheHintAndTheBuildGoesOn() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        work.resolve("slow"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"slow\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "build.js",
                                "console.log('slow build started'); setTimeout(() => {"
                                        + " require('fs').mkdirSync('dist', {recursive: true});"
                                        + " require('fs').writeFileSync('dist/index.html', '<h1>slow</h1>'); }, 3000);"));
        SlipwayJar.Running deploy = slipway.start("deploy", repo.path().toString());
        await().atMost(Duration.ofSeconds(120))
                .until(() -> deploy.stdoutSoFar().contains("slow build started"));
        String id = deploy.stdoutSoFar().lines().findFirst().orElseThrow().split(" ")[1];

        Process interrupt =
                new ProcessBuilder("kill", "-INT", String.valueOf(deploy.process().pid())).start();
        assertThat(interrupt.waitFor()).isZero();
        SlipwayJar.Result stopped = deploy.await(Duration.ofSeconds(20));

        assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(130);
        assertThat(stopped.stderr())
                .contains("Stopped following; the build goes on.")
                .contains("slipway logs " + id + " --follow")
                .doesNotContain("Interrupted while following");
        SlipwayJar.Result followed = slipway.run("logs", id, "--follow");
        assertThat(followed.exit()).as(followed.toString()).isZero();
        assertThat(followed.stdout()).contains("-- READY");
        assertThat(get("slow").body()).contains("<h1>slow</h1>");
        assertThat(ProcessHandle.of(stackPid()).map(ProcessHandle::isAlive)).contains(true);
    }
}
