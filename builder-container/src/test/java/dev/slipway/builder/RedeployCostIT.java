package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.FileEntry;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a redeploy after a one-file change costs in S3 writes, counted on the wire between the
 * builder and the real S3-compatible server: the changed page's blob (no variant: a page under 32
 * KiB is gzipped by the proxy), the manifest, the project record and the log archive; nothing for
 * the 300 unchanged files (the live manifest says they exist, so not even a HEAD), no listing, and
 * nothing for the dependency cache.
 */
class RedeployCostIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir Path temp;

    @Test
    void oneFileChangeCostsFourPutsItsBlobTheManifestTheRecordAndTheArchive() throws Exception {
        BuilderHarness harness = new BuilderHarness(s3, redis);
        Map<String, String> files =
                new HashMap<>(
                        NodeApps.withBuildScript(
                                """
        const fs = require('fs');
        fs.cpSync('src', 'dist', {recursive: true});
        """));
        for (int i = 0; i < 300; i++) {
            files.put("src/page" + i + ".html", ("<p>page " + i + " of the site</p>\n").repeat(60));
        }
        files.put("src/index.html", "<!doctype html><h1>Home</h1>");
        GitFixture repo = GitFixture.withFiles(temp.resolve("site"), files);
        try (CountingRelay relay = new CountingRelay(s3.port())) {
            Map<String, String> env = new HashMap<>();
            env.put("S3_ENDPOINT", "http://127.0.0.1:" + relay.port());
            DeploymentId first = DeploymentId.newId();
            BuilderHarness.Run firstRun = deploy(harness, repo, first, env);
            assertThat(firstRun.exitCode()).as(firstRun.stdout()).isZero();
            repo.commit(
                    "Change one page",
                    Map.of("src/page7.html", "<p>page 7, rewritten</p>\n".repeat(60)));
            relay.clear();
            DeploymentId second = DeploymentId.newId();

            BuilderHarness.Run run = deploy(harness, repo, second, env);

            assertThat(run.exitCode()).as(run.stdout()).isZero();
            Manifest manifest = harness.manifest("cost", second);
            assertThat(manifest.status()).isEqualTo(DeploymentStatus.READY);
            FileEntry changed = Objects.requireNonNull(manifest.files().get("page7.html"));
            String bucket = "/" + s3.bucket() + "/";
            List<String> puts =
                    relay.requests().stream().filter(r -> r.startsWith("PUT ")).toList();
            assertThat(puts)
                    .as("the S3 writes of the redeploy")
                    .containsExactlyInAnyOrder(
                            "PUT " + bucket + StorageLayout.blob(changed.sha256()),
                            "PUT " + bucket + StorageLayout.manifest(Slug.of("cost"), second),
                            "PUT " + bucket + StorageLayout.project(Slug.of("cost")),
                            "PUT " + bucket + StorageLayout.logArchive(Slug.of("cost"), second));
            assertThat(relay.requests())
                    .as("no listing of the bucket")
                    .noneMatch(r -> r.contains("list-type") || r.endsWith(bucket));
            assertThat(changed.encodings()).isEmpty();
            assertThat(
                            relay.requests().stream()
                                    .filter(
                                            r ->
                                                    r.startsWith(
                                                            "HEAD " + bucket + StorageLayout.BLOBS))
                                    .toList())
                    .as("existence checks: the changed page's blob only")
                    .containsExactly("HEAD " + bucket + StorageLayout.blob(changed.sha256()));
            assertThat(manifest.files().get("page8.html"))
                    .as("an unchanged file keeps its entry, encodings included")
                    .isEqualTo(harness.manifest("cost", first).files().get("page8.html"));
            printPhases(harness.stream(second));
        }
    }

    private static BuilderHarness.Run deploy(
            BuilderHarness harness, GitFixture repo, DeploymentId id, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(harness.env(repo.url(), "cost", id));
        env.putAll(extra);
        return harness.run(env, LIMIT);
    }

    /** The redeploy's phase times, for docs/benchmarks/builder.md. */
    private static void printPhases(List<LogEvent> events) {
        StringBuilder out = new StringBuilder("PHASES redeploy:");
        LogEvent previous = events.get(0);
        for (LogEvent e : events) {
            System.out.println(
                    "+"
                            + Duration.between(events.get(0).ts(), e.ts()).toMillis()
                            + " ms "
                            + (e.isLine() ? e.line() : e.type()));
            if (e.isStatus() || e.isTerminal()) {
                out.append(' ')
                        .append(previous.isStatus() ? previous.status() : "start")
                        .append(' ')
                        .append(Duration.between(previous.ts(), e.ts()).toMillis())
                        .append(" ms;");
                previous = e;
            }
        }
        out.append(" total ")
                .append(Duration.between(events.get(0).ts(), events.get(events.size() - 1).ts()))
                .append(" (from the first event to the last)");
        System.out.println(out);
    }
}
