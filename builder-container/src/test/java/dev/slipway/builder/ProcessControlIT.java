package dev.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.process.BuildProcesses;
import dev.slipway.testing.GitFixture;
import dev.slipway.testing.ManualClock;
import dev.slipway.testing.RedisServerExtension;
import dev.slipway.testing.S3ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The deadline and cancel kill the build's whole process tree and end the deployment properly. */
class ProcessControlIT {

    @RegisterExtension static final S3ServerExtension s3 = new S3ServerExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir Path temp;

    private final BuilderHarness harness = new BuilderHarness(s3, redis);

    /**
     * A build that starts a child in its group, a detached one, a {@code setsid sleep 1000 &} and a
     * double-forked {@code sleep} (re-parented away from the tree), records their pids, and hangs.
     */
    private Map<String, String> hangingApp(Path pids) {
        return NodeApps.withBuildScript(
                """
        const fs = require('fs');
        const { spawn, execSync } = require('child_process');
        const a = spawn('node', ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        const b = spawn('node', ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true });
        const daemons = execSync(
          "setsid sleep 1000 </dev/null >/dev/null 2>&1 & echo $!; " +
          "sh -c 'sleep 1000 </dev/null >/dev/null 2>&1 & echo $!'").toString().trim().split(/\\s+/);
        fs.writeFileSync('%s', [a.pid, b.pid, process.pid, ...daemons].join(' '));
        console.log('building forever');
        setInterval(() => {}, 1000);
        """
                        .formatted(pids));
    }

    @Test
    void buildPastItsTimeoutIsKilledWithItsChildrenAndFails() throws Exception {
        Path pids = temp.resolve("pids.txt");
        GitFixture repo = GitFixture.withFiles(temp.resolve("slow"), hangingApp(pids));
        DeploymentId id = DeploymentId.newId();
        Map<String, String> env = new HashMap<>(harness.env(repo.url(), "slow", id));
        env.put("BUILD_TIMEOUT_SECONDS", "1");
        // The clock stands still until the build hangs with its children running: the deadline
        // passes when the test moves the clock, not when a slow machine gets there first.
        ManualClock clock = ManualClock.startingNow();
        CompletableFuture<BuilderHarness.Run> build =
                CompletableFuture.supplyAsync(
                        () -> harness.runInProcess(env, BuilderHarness.testSettings(), clock));
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                build.isDone()
                                        || harness.stream(id).stream()
                                                        .anyMatch(
                                                                e ->
                                                                        "building forever"
                                                                                .equals(e.line()))
                                                && Files.exists(pids));
        assertThat(build).as("the build hangs until it is killed").isNotDone();

        clock.advance(Duration.ofSeconds(2));
        BuilderHarness.Run run = build.get(120, TimeUnit.SECONDS);

        assertThat(run.exitCode()).isEqualTo(1);
        List<LogEvent> stream = harness.stream(id);
        BuilderHarness.assertWholeLog(stream);
        LogEvent last = stream.get(stream.size() - 1);
        assertThat(last.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(last.error()).contains("longer than 1 s").contains("BUILD_TIMEOUT_SECONDS");
        assertThat(harness.manifest("slow", id).status()).isEqualTo(DeploymentStatus.FAILED);
        assertAllDead(pids);
    }

    @Test
    void sigtermCancelsTheBuildKillsItsTreeAndExits143() throws Exception {
        Path pids = temp.resolve("pids-term.txt");
        GitFixture repo = GitFixture.withFiles(temp.resolve("cancel"), hangingApp(pids));
        DeploymentId id = DeploymentId.newId();
        Process builder = harness.startProcess(harness.env(repo.url(), "cancel", id));
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                harness.stream(id).stream()
                                        .anyMatch(e -> "building forever".equals(e.line())));

        builder.destroy(); // SIGTERM
        BuilderHarness.Run run = harness.await(builder, Duration.ofSeconds(60));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(143);
        List<LogEvent> stream = harness.stream(id);
        BuilderHarness.assertWholeLog(stream);
        assertThat(stream.get(stream.size() - 1).status()).isEqualTo(DeploymentStatus.CANCELED);
        assertThat(harness.manifest("cancel", id).status()).isEqualTo(DeploymentStatus.CANCELED);
        assertThat(harness.archive("cancel", id)).isEqualTo(stream);
        assertThat(harness.record("cancel")).isEmpty();
        assertAllDead(pids);
    }

    /**
     * Every recorded process is gone from {@code /proc} (or a zombie waiting to be reaped) by the
     * time the builder has ended: no waiting, the builder itself made sure.
     */
    private static void assertAllDead(Path pids) throws Exception {
        String[] all = Files.readString(pids).trim().split(" ");
        assertThat(all).as("child, detached, setsid and double-forked pids").hasSize(5);
        for (String pid : all) {
            Path stat = Path.of("/proc", pid, "stat");
            assertThat(!Files.exists(stat) || BuildProcesses.isZombie(Long.parseLong(pid)))
                    .as("process %s of the build is still running: %s", pid, read(stat))
                    .isTrue();
        }
    }

    private static String read(Path stat) {
        try {
            return Files.readString(stat);
        } catch (java.io.IOException e) {
            return "(gone)";
        }
    }
}
