package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.Phase;
import dev.slipway.testing.Peers;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Vite + React app from {@code npm create vite} (react template), with its dependencies from
 * the npm registry, deployed end to end twice: a cold install that saves the dependency cache, then
 * a warm one that restores it. Needs the npm registry: {@code -Dslipway.skipNetworkTests=true}
 * skips it off CI (saying so) and fails it on CI, as {@link Peers} decides.
 */
class ViteAppIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir static Path temp;

    private static Path app;

    @BeforeAll
    static void scaffold() throws Exception {
        if (Boolean.getBoolean("slipway.skipNetworkTests")) {
            Peers.missing(
                    "-Dslipway.skipNetworkTests=true is set and ViteAppIT needs the npm registry",
                    "a real Vite app built end to end");
        }
        Peers.require("npm", "install Node.js with npm", "a real Vite app built end to end");
        npm(
                temp,
                "create",
                "--yes",
                "vite@latest",
                "app",
                "--",
                "--template",
                "react",
                "--no-interactive");
        app = temp.resolve("app");
        npm(app, "install", "--package-lock-only", "--no-audit", "--no-fund");
        try (Git git = Git.init().setDirectory(app.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("npm create vite")
                    .setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com")
                    .call();
        }
    }

    @Test
    void buildsViteReactTemplateEndToEndWithDependencyCache() throws Exception {
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId cold = DeploymentId.newId();

        BuilderHarness.Run first =
                harness.run(
                        harness.env(app.toUri().toString(), "vite-app", cold),
                        Duration.ofMinutes(10));

        List<LogEvent> stream = harness.stream(cold);
        assertThat(first.exitCode())
                .as(String.join("\n", stream.stream().map(LogEvent::toString).toList()))
                .isZero();
        BuilderHarness.assertWholeLog(stream);
        Manifest manifest = harness.manifest("vite-app", cold);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(manifest.framework()).isEqualTo("vite");
        assertThat(manifest.isSpa()).isTrue();
        assertThat(manifest.files()).containsKey("index.html").containsKey("favicon.svg");
        Map.Entry<String, FileEntry> js =
                manifest.files().entrySet().stream()
                        .filter(e -> e.getKey().matches("assets/index-[A-Za-z0-9_-]{8}\\.js"))
                        .findFirst()
                        .orElseThrow();
        assertThat(js.getValue().contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(harness.servedText("vite-app", cold, "index.html")).contains("/" + js.getKey());
        assertThat(stream)
                .anySatisfy(
                        e -> assertThat(e.line()).startsWith("Dependency cache: saved npm-node"));
        printPhases("cold", stream);

        DeploymentId warm = DeploymentId.newId();
        BuilderHarness.Run second =
                harness.run(
                        harness.env(app.toUri().toString(), "vite-app", warm),
                        Duration.ofMinutes(10));

        assertThat(second.exitCode()).isZero();
        List<LogEvent> warmStream = harness.stream(warm);
        assertThat(warmStream)
                .anySatisfy(
                        e ->
                                assertThat(e.line())
                                        .startsWith("Dependency cache: restored npm-node"));
        assertThat(harness.manifest("vite-app", warm).files()).isEqualTo(manifest.files());
        assertThat(harness.record("vite-app").orElseThrow().liveDeploymentId())
                .isEqualTo(warm.value());
        printPhases("warm", warmStream);
    }

    /** Prints how long each phase took (the overhead benchmark reads these lines). */
    private static void printPhases(String label, List<LogEvent> events) {
        Instant start = events.get(0).ts();
        Map<Phase, Instant[]> spans = new java.util.EnumMap<>(Phase.class);
        Instant prev = start;
        Phase current = Phase.CLONE;
        for (LogEvent e : events) {
            if (e.isStatus()) {
                Phase next =
                        switch (e.status()) {
                            case CLONING -> Phase.CLONE;
                            case INSTALLING -> Phase.INSTALL;
                            case BUILDING -> Phase.BUILD;
                            case UPLOADING -> Phase.UPLOAD;
                            default -> Phase.PUBLISH;
                        };
                spans.computeIfAbsent(current, p -> new Instant[] {null, null});
                spans.get(current)[1] = e.ts();
                current = next;
                spans.computeIfAbsent(current, p -> new Instant[] {e.ts(), null});
                spans.get(current)[0] = e.ts();
            }
            prev = e.ts();
        }
        StringBuilder line = new StringBuilder("PHASES " + label + ":");
        for (Map.Entry<Phase, Instant[]> s : spans.entrySet()) {
            if (s.getValue()[0] != null && s.getValue()[1] != null) {
                line.append(' ')
                        .append(s.getKey().value())
                        .append('=')
                        .append(Duration.between(s.getValue()[0], s.getValue()[1]).toMillis())
                        .append("ms");
            }
        }
        line.append(" total=").append(Duration.between(start, prev).toMillis()).append("ms");
        System.out.println(line);
    }

    private static void npm(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
        String out =
                new String(
                        p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("npm %s failed:%n%s", String.join(" ", args), out).isZero();
    }
}
