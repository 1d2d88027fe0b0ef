package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.testing.Peers;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real apps with their dependencies from the npm registry, deployed end to end with default
 * settings: a Vite app managed by pnpm (its {@code packageManager} and lockfile) and a VitePress
 * site laid out as {@code vitepress init} writes it ({@code docs:build}, {@code docs/}, built for a
 * sub-path). Needs the npm registry, as {@link ViteAppIT}: {@code -Dslipway.skipNetworkTests=true}
 * skips it off CI (saying so) and fails it on CI.
 */
class RealFrameworksIT {

    private static final String PNPM = "pnpm@9.15.9";

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir static Path temp;

    @BeforeAll
    static void needsTheRegistry() {
        if (Boolean.getBoolean("slipway.skipNetworkTests")) {
            Peers.missing(
                    "-Dslipway.skipNetworkTests=true is set and RealFrameworksIT needs the npm registry",
                    "a real pnpm app and a real VitePress site built end to end");
        }
        Peers.require(
                "npm",
                "install Node.js with npm",
                "a real pnpm app and a real VitePress site built end to end");
    }

    @Test
    void buildsAVitePnpmAppWithThePnpmOfItsPackageManagerField() throws Exception {
        run(temp, "npm", "create", "--yes", "vite@6", "pnpm-app", "--", "--template", "vanilla");
        Path app = temp.resolve("pnpm-app");
        String pkg = Files.readString(app.resolve("package.json"), StandardCharsets.UTF_8);
        Files.writeString(
                app.resolve("package.json"),
                pkg.replaceFirst("\\{", "{\n  \"packageManager\": \"" + PNPM + "\","));
        run(app, "npx", "--yes", PNPM, "install", "--lockfile-only");
        commit(app);
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run build =
                harness.run(
                        harness.env(app.toUri().toString(), "pnpm-app", id),
                        Duration.ofMinutes(10));

        List<LogEvent> stream = harness.stream(id);
        assertThat(build.exitCode()).as(log(stream)).isZero();
        assertThat(lines(stream))
                .contains("Node app: package manager pnpm 9.15.9 from packageManager")
                .contains("Install command: pnpm install --frozen-lockfile");
        Manifest manifest = harness.manifest("pnpm-app", id);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(manifest.framework()).isEqualTo("vite");
        assertThat(manifest.isSpa()).isTrue();
        assertThat(manifest.basePath()).isNull();
        assertThat(manifest.files().keySet())
                .contains("index.html")
                .anyMatch(f -> f.matches("assets/index-[A-Za-z0-9_-]{8}\\.js"));
    }

    @Test
    void buildsAVitepressSiteFromItsDocsBuildScriptUnderItsBase() throws Exception {
        Path site = Files.createDirectories(temp.resolve("handbook"));
        Files.writeString(
                site.resolve("package.json"),
                """
                {
                  "name": "handbook",
                  "private": true,
                  "type": "module",
                  "scripts": {
                    "docs:dev": "vitepress dev docs",
                    "docs:build": "vitepress build docs",
                    "docs:preview": "vitepress preview docs"
                  },
                  "devDependencies": { "vitepress": "^1.6.3" }
                }
                """);
        Files.createDirectories(site.resolve("docs/.vitepress"));
        Files.writeString(
                site.resolve("docs/.vitepress/config.mts"),
                """
                import { defineConfig } from 'vitepress'

                export default defineConfig({
                  title: "Handbook",
                  base: '/handbook/',
                })
                """);
        Files.writeString(site.resolve("docs/index.md"), "# Handbook\n\nHello.\n");
        Files.writeString(site.resolve("docs/guide.md"), "# Guide\n\nRead me.\n");
        run(site, "npm", "install", "--package-lock-only", "--no-audit", "--no-fund");
        commit(site);
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId id = DeploymentId.newId();

        BuilderHarness.Run build =
                harness.run(
                        harness.env(site.toUri().toString(), "handbook", id),
                        Duration.ofMinutes(10));

        List<LogEvent> stream = harness.stream(id);
        assertThat(build.exitCode()).as(log(stream)).isZero();
        assertThat(lines(stream))
                .contains(
                        "Build command: npm run docs:build (package.json has no build script;"
                                + " its docs:build script runs VitePress's build: vitepress build docs)")
                .contains("Output folder: docs/.vitepress/dist (vitepress's default)")
                .contains("Base path /handbook (from docs/.vitepress/config.mts base)");
        Manifest manifest = harness.manifest("handbook", id);
        assertThat(manifest.framework()).isEqualTo("vitepress");
        assertThat(manifest.basePath()).isEqualTo("/handbook");
        assertThat(manifest.isSpa())
                .as("VitePress writes a page per document and a 404.html")
                .isFalse();
        assertThat(manifest.files()).containsKeys("index.html", "guide.html", "404.html");
        assertThat(harness.servedText("handbook", id, "index.html")).contains("/handbook/assets/");
    }

    private static List<String> lines(List<LogEvent> events) {
        return events.stream().filter(e -> e.line() != null).map(LogEvent::line).toList();
    }

    private static String log(List<LogEvent> events) {
        return String.join("\n", lines(events));
    }

    private static void commit(Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitignore"), "node_modules\n");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("scaffold")
                    .setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com")
                    .call();
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        Process p =
                new ProcessBuilder(args)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("%s failed:%n%s", String.join(" ", args), out).isZero();
    }
}
