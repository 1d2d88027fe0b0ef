package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.Peers;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * pnpm, Yarn and Bun repositories built with only Node and npm on the machine: the manager comes
 * from corepack (or the repository's own Yarn release) under its usual name, and the build script
 * can call it. The corepack case downloads pnpm from the npm registry, so it runs like {@code
 * ViteAppIT}: skipped off CI when the network tests are switched off, failed on CI.
 */
class PackageManagersIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir Path temp;

    /** A build that writes the version of the manager it finds on PATH into the site. */
    static final String BUILD_JS =
            """
            const { execSync } = require('child_process');
            const fs = require('fs');
            const tool = process.argv[2];
            const v = execSync(tool + ' --version').toString().trim();
            fs.mkdirSync('dist', { recursive: true });
            fs.writeFileSync('dist/index.html', '<p>' + tool + ' ' + v + '</p>');
            """;

    @Test
    void pnpmFromPackageManagerIsProvidedThroughCorepackForInstallAndBuild() throws Exception {
        if (Boolean.getBoolean("slipway.skipNetworkTests")) {
            Peers.missing(
                    "-Dslipway.skipNetworkTests=true is set and corepack needs the npm registry",
                    "pnpm through corepack");
        }
        Peers.require("corepack", "install Node.js 18+ (corepack comes with it)", "pnpm builds");
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("pnpm-site"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"p\",\"private\":true,\"packageManager\":\"pnpm@8.15.9\","
                                        + "\"scripts\":{\"build\":\"node build.js pnpm\"}}",
                                "pnpm-lock.yaml",
                                "lockfileVersion: '6.0'\n",
                                "build.js",
                                BUILD_JS));
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId id = DeploymentId.newId();
        BuilderHarness.Run run =
                harness.run(harness.env(repo.url(), "pnpm-site", id), Duration.ofMinutes(5));
        List<LogEvent> stream = harness.stream(id);
        assertThat(run.exitCode()).as(lines(stream)).isZero();
        assertThat(harness.manifest("pnpm-site", id).status()).isEqualTo(DeploymentStatus.READY);
        assertThat(stream)
                .anySatisfy(
                        e ->
                                assertThat(e.line())
                                        .isEqualTo(
                                                "Node app: package manager pnpm 8.15.9 from packageManager"));
        assertThat(harness.servedText("pnpm-site", id, "index.html"))
                .isEqualTo("<p>pnpm 8.15.9</p>");
    }

    @Test
    void yarnBerryRunsTheReleaseTheRepositoryShipsWithoutTheNetwork() throws Exception {
        // A stand-in Yarn release: answers --version and succeeds at install, as a real one would.
        String release =
                "const a = process.argv.slice(2);\n"
                        + "if (a[0] === '--version') { console.log('4.5.0-shipped'); }\n"
                        + "else if (a[0] === 'run') { require('child_process')"
                        + ".execSync('node build.js yarn', { stdio: 'inherit' }); }\n"
                        + "else { console.log('yarn ' + a.join(' ')); }\n";
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("berry-site"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"b\",\"private\":true,\"packageManager\":\"yarn@4.5.0\","
                                        + "\"scripts\":{\"build\":\"node build.js yarn\"}}",
                                "yarn.lock",
                                "__metadata:\n  version: 8\n",
                                ".yarnrc.yml",
                                "yarnPath: .yarn/releases/yarn-4.5.0.cjs\n",
                                ".yarn/releases/yarn-4.5.0.cjs",
                                release,
                                "build.js",
                                BUILD_JS));
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId id = DeploymentId.newId();
        BuilderHarness.Run run =
                harness.run(harness.env(repo.url(), "berry-site", id), Duration.ofMinutes(5));
        List<LogEvent> stream = harness.stream(id);
        assertThat(run.exitCode()).as(lines(stream)).isZero();
        assertThat(stream)
                .anySatisfy(e -> assertThat(e.line()).isEqualTo("yarn install --immutable"));
        assertThat(harness.servedText("berry-site", id, "index.html"))
                .isEqualTo("<p>yarn 4.5.0-shipped</p>");
    }

    @Test
    void aBunRepositoryFailsWithWhatToDoAndPublishesNothing() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("bun-site"),
                        Map.of(
                                "package.json",
                                "{\"name\":\"b\",\"scripts\":{\"build\":\"node build.js\"}}",
                                "bun.lockb",
                                "binary lockfile"));
        BuilderHarness harness = new BuilderHarness(s3, redis);
        DeploymentId id = DeploymentId.newId();
        BuilderHarness.Run run =
                harness.run(harness.env(repo.url(), "bun-site", id), Duration.ofMinutes(2));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(harness.manifest("bun-site", id).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(harness.manifest("bun-site", id).error())
                .contains("Bun lockfile")
                .contains("package-lock.json");
        assertThat(harness.record("bun-site")).isEmpty();
    }

    private static String lines(List<LogEvent> stream) {
        return String.join("\n", stream.stream().map(LogEvent::toString).toList());
    }
}
