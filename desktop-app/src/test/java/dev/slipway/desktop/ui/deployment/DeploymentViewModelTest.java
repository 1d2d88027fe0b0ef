package dev.slipway.desktop.ui.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import dev.slipway.desktop.ui.ScriptedLogService;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.logpane.LogPaneViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-27T20:30:00Z");

    private final ScriptedLogService logs = new ScriptedLogService();
    private final List<DeploymentId> canceled = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private final BannerViewModel banner = new BannerViewModel();
    private DeploymentViewModel vm;
    private DeploymentHandle handle;
    private long seq;

    @BeforeEach
    void setUp() {
        DeployService deployer =
                new DeployService() {
                    @Override
                    public DeploymentHandle deploy(DeployRequest request) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void cancel(DeploymentId id) {
                        canceled.add(id);
                    }
                };
        vm =
                new DeploymentViewModel(
                        logs,
                        deployer,
                        new CurrentThreadTaskRunner(),
                        opened::add,
                        banner,
                        Clock.fixed(T0.plusSeconds(100), ZoneOffset.UTC),
                        new LogPaneViewModel());
        handle =
                new DeploymentHandle(
                        Slug.of("demo"), DeploymentId.newId(), "http://demo.localhost:8000/");
    }

    private void status(DeploymentStatus s, int second) {
        logs.push(LogEvent.status(s.ordinal() < 2 ? 0 : ++seq, T0.plusSeconds(second), s));
    }

    private void line(String text, OutputStream stream, int second) {
        logs.push(LogEvent.line(++seq, T0.plusSeconds(second), Phase.BUILD, stream, text));
    }

    private List<StepState> states() {
        return vm.steps().stream().map(StepViewModel::state).toList();
    }

    @Test
    void walksTheStepperToLiveWithTheTimeOfEachStep() {
        vm.watch(handle);
        status(DeploymentStatus.QUEUED, 0);
        status(DeploymentStatus.STARTING, 1);
        status(DeploymentStatus.CLONING, 3);
        line("Cloning…", OutputStream.SYSTEM, 3);
        vm.drain();
        assertThat(states())
                .containsExactly(
                        StepState.DONE,
                        StepState.DONE,
                        StepState.ACTIVE,
                        StepState.PENDING,
                        StepState.PENDING,
                        StepState.PENDING,
                        StepState.PENDING);
        assertThat(vm.runningProperty().get()).isTrue();

        status(DeploymentStatus.BUILDING, 5);
        status(DeploymentStatus.UPLOADING, 17);
        logs.push(LogEvent.ready(++seq, T0.plusSeconds(18), "http://demo.localhost:8000/"));
        vm.drain();

        assertThat(states())
                .containsExactly(
                        StepState.DONE,
                        StepState.DONE,
                        StepState.DONE,
                        StepState.SKIPPED,
                        StepState.DONE,
                        StepState.DONE,
                        StepState.DONE);
        assertThat(vm.steps().get(0).timeProperty().get()).isEqualTo("1.0 s");
        assertThat(vm.steps().get(4).timeProperty().get()).isEqualTo("12 s");
        assertThat(vm.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.siteUrlProperty().get()).isEqualTo("http://demo.localhost:8000/");
        assertThat(vm.logPane().lines()).hasSize(1);
        assertThat(vm.followingProperty().get()).isFalse();

        vm.openInBrowser();
        assertThat(opened).containsExactly("http://demo.localhost:8000/");
    }

    @Test
    void downloadLogSavesEveryLineWithItsTimeAndStreamEvenThoseThePaneNoLongerKeeps(
            @TempDir Path dir) throws Exception {
        DeploymentViewModel small =
                new DeploymentViewModel(
                        logs,
                        null,
                        new CurrentThreadTaskRunner(),
                        opened::add,
                        banner,
                        Clock.fixed(T0.plusSeconds(100), ZoneOffset.UTC),
                        new LogPaneViewModel(1));
        small.watch(handle);
        status(DeploymentStatus.BUILDING, 1);
        line("\u001b[32m✓\u001b[39m compiled", OutputStream.STDOUT, 2);
        line("warning: big chunk", OutputStream.STDERR, 3);
        logs.push(LogEvent.ready(++seq, T0.plusSeconds(4), null));
        small.drain();
        assertThat(small.logPane().lines()).hasSize(1);

        Path file = dir.resolve("build.log");
        small.downloadLog(file);

        assertThat(Files.readString(file))
                .isEqualTo(
                        T0.plusSeconds(2)
                                + " stdout ✓ compiled\n"
                                + T0.plusSeconds(3)
                                + " stderr warning: big chunk\n");
        assertThat(banner.messageProperty().get()).isEqualTo("Saved 2 log lines to " + file + ".");
    }

    @Test
    void activeStepShowsItsRunningTime() {
        vm.watch(handle);
        status(DeploymentStatus.BUILDING, 40);
        vm.drain();
        assertThat(vm.steps().get(4).timeProperty().get()).isEqualTo("1 min 00 s");
    }

    @Test
    void failureShowsReasonMarksTheStepAndRevealsFirstErrorLine() {
        vm.watch(handle);
        status(DeploymentStatus.BUILDING, 1);
        line("> vite build", OutputStream.STDOUT, 2);
        line("transforming...", OutputStream.STDOUT, 2);
        line("\u001b[31merror\u001b[39m: Could not resolve './App'", OutputStream.STDERR, 3);
        line("at foo", OutputStream.STDERR, 3);
        logs.push(LogEvent.failed(++seq, T0.plusSeconds(4), "npm run build exited with 1"));
        vm.drain();

        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.failureReasonProperty().get()).isEqualTo("npm run build exited with 1");
        assertThat(vm.steps().get(4).state()).isEqualTo(StepState.FAILED);
        assertThat(vm.steps().get(4).timeProperty().get()).isEqualTo("3.0 s");
        assertThat(vm.steps().get(6).state()).isEqualTo(StepState.PENDING);
        assertThat(vm.logPane().focusedIndexProperty().get()).isEqualTo(2);
        assertThat(vm.logPane().followTailProperty().get()).isFalse();
        assertThat(vm.siteUrlProperty().get()).isNull();
    }

    @Test
    void cancelAsksTheServiceOnceWhileRunning() {
        vm.watch(handle);
        status(DeploymentStatus.BUILDING, 1);
        vm.drain();

        vm.cancel();
        vm.cancel();
        assertThat(canceled).containsExactly(handle.id());

        logs.push(LogEvent.canceled(++seq, T0.plusSeconds(2), "killed by SIGTERM"));
        vm.drain();
        assertThat(vm.steps().get(4).state()).isEqualTo(StepState.CANCELED);
        assertThat(vm.failureReasonProperty().get())
                .isEqualTo(
                        "Canceled: this deployment was stopped before it finished; nothing changed.");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void watchingAnotherDeploymentDropsTheOldLogAndIgnoresItsLateEvents() {
        vm.watch(handle);
        line("old", OutputStream.STDOUT, 1);
        vm.drain();

        DeploymentHandle other = new DeploymentHandle(Slug.of("other"), DeploymentId.newId(), null);
        vm.watch(other);
        seq = 0; // the other deployment's builder numbers from 1 again
        line("new", OutputStream.STDOUT, 1);
        vm.drain();

        assertThat(logs.followed).containsExactly(handle.id(), other.id());
        assertThat(vm.logPane().lines()).extracting(l -> l.raw()).containsExactly("new");
        assertThat(vm.titleProperty().get()).isEqualTo("other · " + other.id());
    }

    @Test
    void lostLogIsAStateWithRetryNotARunningBuild() {
        vm.watch(handle);
        logs.fail(
                SlipwayException.infrastructure(
                        "Redis at localhost:6379 cannot be reached; start the local stack.", null));
        vm.drain();
        assertThat(vm.lostProperty().get()).isTrue();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.lostReasonProperty().get())
                .contains("Redis at localhost:6379 cannot be reached")
                .contains("Retry");
        vm.retry();
        assertThat(logs.followed).hasSize(2);
        assertThat(vm.followingProperty().get()).isTrue();
    }
}
