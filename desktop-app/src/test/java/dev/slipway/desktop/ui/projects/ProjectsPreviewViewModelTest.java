package dev.slipway.desktop.ui.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.config.SlipwayConfig;
import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import dev.slipway.desktop.ui.InMemoryAppServices;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployment URLs, the Preview badge and Promote in the deployments table. */
class ProjectsPreviewViewModelTest {

    private static final SlipwayConfig CONFIG = SlipwayConfig.defaults();

    @TempDir Path home;
    private InMemoryAppServices services;
    private final BannerViewModel banner = new BannerViewModel();
    private final List<String> opened = new ArrayList<>();
    private ProjectsViewModel vm;
    private DeploymentId live;
    private DeploymentId failed;
    private DeploymentId preview;

    @BeforeEach
    void setUp() {
        services = new InMemoryAppServices(home);
        live = services.seed("demo", DeploymentStatus.READY, true);
        failed = services.seed("demo", DeploymentStatus.FAILED, false);
        preview = services.seed("demo", DeploymentStatus.READY, false, true);
        vm =
                new ProjectsViewModel(
                        services.projects(),
                        services.promote(),
                        (project, id) -> CONFIG.deploymentUrl(project.value(), id),
                        services.deploy(),
                        new CurrentThreadTaskRunner(),
                        opened::add,
                        banner,
                        h -> {});
        vm.refresh();
        vm.selectedProperty().set(vm.projects().get(0));
    }

    private DeploymentRow row(DeploymentId id) {
        return vm.deployments().stream()
                .filter(r -> r.id().equals(id.value()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyRowCarriesItsOwnDeploymentUrl() {
        assertThat(vm.deployments())
                .extracting(DeploymentRow::url)
                .containsExactly(
                        CONFIG.deploymentUrl("demo", preview),
                        CONFIG.deploymentUrl("demo", failed),
                        CONFIG.deploymentUrl("demo", live));
        assertThat(row(preview).url())
                .startsWith("http://demo--" + preview.value().substring(16).toLowerCase() + ".");

        vm.openDeployment(row(preview));
        assertThat(opened).containsExactly(CONFIG.deploymentUrl("demo", preview));
    }

    @Test
    void aFailedDeploymentHasNoSiteToOpen() {
        vm.openDeployment(row(failed));
        assertThat(opened).isEmpty();
        assertThat(banner.messageProperty().get()).contains("has no site").contains("FAILED");
    }

    @Test
    void promoteMakesTheReadyPreviewLiveAndTheTableSaysSo() {
        assertThat(row(preview).preview()).isTrue();
        assertThat(row(preview).canPromote()).isTrue();
        assertThat(row(live).canPromote()).as("already live").isFalse();

        vm.promote(row(preview));

        assertThat(services.liveOf("demo")).isEqualTo(preview.value());
        assertThat(row(preview).live()).isTrue();
        assertThat(row(live).live()).isFalse();
        assertThat(banner.messageProperty().get())
                .isEqualTo("demo now serves the preview " + preview + ".");
    }

    @Test
    void promoteRefusesAFailedBuildWithTheReason() {
        vm.promote(row(failed));
        assertThat(services.liveOf("demo")).isEqualTo(live.value());
        assertThat(banner.errorProperty().get()).isTrue();
        assertThat(banner.messageProperty().get()).contains("only a READY deployment can go live");
    }
}
