package dev.slipway.desktop.ui.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.log.LogEvent;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.promote.PromoteService;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import dev.slipway.desktop.ui.ScriptedLogService;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import dev.slipway.desktop.ui.logpane.LogPaneViewModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A preview in the deployment pane: its own URL, not "Live at", and Promote. */
class DeploymentPreviewViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-27T20:30:00Z");
    private static final SlipwayConfig CONFIG = SlipwayConfig.defaults();

    private final ScriptedLogService logs = new ScriptedLogService();
    private final List<String> opened = new ArrayList<>();
    private final List<String> promoted = new ArrayList<>();
    private final BannerViewModel banner = new BannerViewModel();
    private int refreshes;
    private DeploymentViewModel vm;
    private DeploymentHandle handle;

    @BeforeEach
    void setUp() {
        DeployService deployer =
                new DeployService() {
                    @Override
                    public DeploymentHandle deploy(DeployRequest request) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void cancel(DeploymentId id) {}
                };
        vm =
                new DeploymentViewModel(
                        logs,
                        deployer,
                        (project, id) -> {
                            promoted.add(project + " " + id);
                            return new PromoteService.Promoted(id, null);
                        },
                        (project, id) -> CONFIG.deploymentUrl(project.value(), id),
                        new CurrentThreadTaskRunner(),
                        opened::add,
                        banner,
                        Clock.fixed(T0.plusSeconds(100), ZoneOffset.UTC),
                        new LogPaneViewModel());
        vm.setOnPromoted(() -> refreshes++);
        handle =
                new DeploymentHandle(Slug.of("demo"), DeploymentId.newId(), CONFIG.siteUrl("demo"));
    }

    private void buildReady() {
        logs.push(LogEvent.status(1, T0, DeploymentStatus.BUILDING));
        logs.push(LogEvent.ready(2, T0.plusSeconds(5), CONFIG.siteUrl("demo")));
        vm.drain();
    }

    @Test
    void aReadyPreviewShowsItsOwnUrlAndPromoteMakesItLive() {
        vm.watch(handle);
        vm.markPreview();
        buildReady();

        String own = CONFIG.deploymentUrl("demo", handle.id());
        assertThat(own)
                .isEqualTo(
                        "http://demo--"
                                + handle.id().value().substring(16).toLowerCase()
                                + ".localhost:8000/");
        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.resultLabelProperty().get()).isEqualTo("Preview (not live) at");
        assertThat(vm.shownUrlProperty().get()).isEqualTo(own);
        assertThat(vm.canPromoteProperty().get()).isTrue();
        vm.openInBrowser();
        assertThat(opened).containsExactly(own);

        vm.promote();
        assertThat(promoted).containsExactly("demo " + handle.id());
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.resultLabelProperty().get()).isEqualTo("Live at");
        assertThat(vm.shownUrlProperty().get()).isEqualTo(CONFIG.siteUrl("demo"));
        assertThat(vm.canPromoteProperty().get()).isFalse();
        assertThat(refreshes).isEqualTo(1);
        assertThat(banner.messageProperty().get())
                .isEqualTo("demo now serves " + handle.id() + ".");
    }

    @Test
    void anOrdinaryBuildIsLiveWithoutPromote() {
        vm.watch(handle);
        buildReady();
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.shownUrlProperty().get()).isEqualTo(CONFIG.siteUrl("demo"));
        assertThat(vm.canPromoteProperty().get()).isFalse();
        assertThat(vm.deploymentUrlProperty().get())
                .isEqualTo(CONFIG.deploymentUrl("demo", handle.id()));
    }

    @Test
    void aFailedPreviewCannotBePromoted() {
        vm.watch(handle);
        vm.markPreview();
        logs.push(LogEvent.failed(1, T0, "npm run build exited with 1"));
        vm.drain();
        assertThat(vm.canPromoteProperty().get()).isFalse();
        vm.promote();
        assertThat(promoted).isEmpty();
    }
}
