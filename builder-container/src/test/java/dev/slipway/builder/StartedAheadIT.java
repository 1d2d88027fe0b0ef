package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.build.JobHandoff;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A builder started ahead of its job ({@code SLIPWAY_BUILDER_WAIT=true}): started with the stack's
 * part of the environment only, it builds the job it reads from its standard input, with the job's
 * variables never in its process's environment; an input that ends empty ends it having written
 * nothing.
 */
class StartedAheadIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    private static final Duration LIMIT = Duration.ofSeconds(90);

    /** What a launcher knows before the deploy is checked: where the stack is. */
    private static final Set<String> STACK =
            Set.of(
                    "S3_BUCKET",
                    "S3_ENDPOINT",
                    "AWS_REGION",
                    "AWS_ACCESS_KEY_ID",
                    "AWS_SECRET_ACCESS_KEY",
                    "REDIS_URL",
                    "ALLOW_LOCAL_REPOSITORY",
                    "PATH",
                    "HOME");

    @TempDir Path temp;

    private final BuilderHarness harness = new BuilderHarness(s3, redis);

    private static Map<String, String> ahead(Map<String, String> env) {
        Map<String, String> own = new HashMap<>();
        env.forEach(
                (k, v) -> {
                    if (STACK.contains(k)) {
                        own.put(k, v);
                    }
                });
        own.put("SLIPWAY_BUILDER_WAIT", "true");
        return own;
    }

    private static String environ(long pid) throws Exception {
        return new String(
                Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ")),
                StandardCharsets.UTF_8);
    }

    @Test
    void buildsTheJobItReadsAndTheJobNeverEntersItsEnvironment() throws Exception {
        GitFixture repo =
                GitFixture.withFiles(
                        temp.resolve("site"), Map.of("index.html", "<h1>started ahead</h1>"));
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = harness.env(repo.url(), "ahead", id);
        env.put("GIT_TOKEN", "ghp_aheadTokenValue123");

        Process builder = harness.startProcess(ahead(env));
        // It waits for its job as long as it takes: nothing is written meanwhile.
        Thread.sleep(1500);
        assertThat(builder.isAlive()).isTrue();
        assertThat(harness.stream(id)).isEmpty();
        try (OutputStream in = builder.getOutputStream()) {
            String seen = environ(builder.pid());
            assertThat(seen).doesNotContain(id.value()).doesNotContain("ghp_aheadTokenValue123");
            in.write(JobHandoff.write(env).getBytes(StandardCharsets.UTF_8));
        }
        BuilderHarness.Run run = harness.await(builder, LIMIT);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<LogEvent> stream = harness.stream(id);
        assertThat(stream.get(stream.size() - 1).status()).isEqualTo(DeploymentStatus.READY);
        assertThat(harness.record("ahead").orElseThrow().liveDeploymentId()).isEqualTo(id.value());
        assertThat(harness.servedText("ahead", id, "index.html")).contains("started ahead");
    }

    @Test
    void anInputThatEndsEmptyEndsItWithNothingWritten() throws Exception {
        List<String> before = harness.keys("");
        List<String> redisBefore = redis.connection().sync().keys("*");

        Process builder =
                harness.startProcess(
                        ahead(
                                harness.env(
                                        "https://github.com/o/r", "unused", DeploymentId.newId())));
        builder.getOutputStream().close();
        BuilderHarness.Run run = harness.await(builder, LIMIT);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(harness.keys("")).isEqualTo(before);
        assertThat(redis.connection().sync().keys("*"))
                .containsExactlyInAnyOrderElementsOf(redisBefore);
    }

    @Test
    void aJobThatIsNotJsonIsBadInput() throws Exception {
        Process builder =
                harness.startProcess(
                        ahead(
                                harness.env(
                                        "https://github.com/o/r", "broken", DeploymentId.newId())));
        try (OutputStream in = builder.getOutputStream()) {
            in.write("DEPLOYMENT_ID=01JD".getBytes(StandardCharsets.UTF_8));
        }
        BuilderHarness.Run run = harness.await(builder, LIMIT);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("The job on standard input is not valid JSON");
    }
}
