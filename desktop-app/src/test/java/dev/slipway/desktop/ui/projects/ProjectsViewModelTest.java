package dev.slipway.desktop.ui.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.deployment.DeploymentStatus;
import dev.slipway.core.deployment.Manifest;
import dev.slipway.core.project.ProjectRecord;
import dev.slipway.core.project.ProjectSettings;
import dev.slipway.core.project.Slug;
import dev.slipway.desktop.deploy.DeployRequest;
import dev.slipway.desktop.deploy.DeployService;
import dev.slipway.desktop.deploy.DeploymentHandle;
import dev.slipway.desktop.projects.ProjectService;
import dev.slipway.desktop.projects.ProjectService.RemovalPlan;
import dev.slipway.desktop.projects.ProjectSummary;
import dev.slipway.desktop.ui.CurrentThreadTaskRunner;
import dev.slipway.desktop.ui.banner.BannerViewModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectsViewModelTest {

    private static final Instant T = Instant.parse("2026-11-27T20:00:00Z");
    private final DeploymentId first = DeploymentId.newId();
    private final DeploymentId failed = DeploymentId.newId();
    private final DeploymentId second = DeploymentId.newId();
    private String live = second.value();
    private final List<String> calls = new ArrayList<>();
    private final List<DeploymentHandle> watched = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private final BannerViewModel banner = new BannerViewModel();
    private ProjectsViewModel vm;

    private Manifest manifest(DeploymentId id, DeploymentStatus status, int minute) {
        return new Manifest(
                "demo",
                id.value(),
                status,
                "https://g/o/demo",
                "main",
                "abcdef1234567890",
                "Fix header\nmore",
                T.plusSeconds(minute * 60L),
                T.plusSeconds(minute * 60L + 75),
                "vite",
                true,
                null,
                null);
    }

    @BeforeEach
    void setUp() {
        ProjectService service =
                new ProjectService() {
                    @Override
                    public List<ProjectSummary> list() {
                        calls.add("list");
                        return List.of(
                                new ProjectSummary(
                                        new ProjectRecord(
                                                "demo",
                                                "https://g/o/demo",
                                                ProjectSettings.defaults(),
                                                live,
                                                T),
                                        "http://demo.localhost:8000/",
                                        DeploymentStatus.READY));
                    }

                    @Override
                    public Optional<ProjectRecord> project(Slug project) {
                        return Optional.empty();
                    }

                    @Override
                    public List<Manifest> deployments(Slug project) {
                        calls.add("deployments " + project);
                        return List.of(
                                manifest(second, DeploymentStatus.READY, 3),
                                manifest(failed, DeploymentStatus.FAILED, 2),
                                manifest(first, DeploymentStatus.READY, 1));
                    }

                    @Override
                    public DeploymentId rollback(Slug project, DeploymentId id) {
                        calls.add("rollback " + project + " " + id);
                        live = id.value();
                        return id;
                    }

                    @Override
                    public RemovalPlan planRemoval(Slug project) {
                        return new RemovalPlan(project, 3, 3, 12, 2_500_000);
                    }

                    @Override
                    public RemovalPlan remove(Slug project) {
                        calls.add("remove " + project);
                        return planRemoval(project);
                    }
                };
        DeployService deployer =
                new DeployService() {
                    @Override
                    public DeploymentHandle deploy(DeployRequest request) {
                        calls.add("deploy repo=" + request.repoUrl() + " slug=" + request.slug());
                        return new DeploymentHandle(
                                Slug.of(request.slug()), DeploymentId.newId(), null);
                    }

                    @Override
                    public void cancel(DeploymentId id) {}
                };
        vm =
                new ProjectsViewModel(
                        service,
                        deployer,
                        new CurrentThreadTaskRunner(),
                        opened::add,
                        banner,
                        watched::add);
        vm.refresh();
        vm.selectedProperty().set(vm.projects().get(0));
    }

    @Test
    void listsDeploymentsOfSelectedProjectMarkingTheLiveOne() {
        assertThat(vm.deployments())
                .extracting(r -> r.status() + (r.live() ? " · live" : ""))
                .containsExactly("READY · live", "FAILED", "READY");
        DeploymentRow row = vm.deployments().get(0);
        assertThat(row.commit()).isEqualTo("abcdef1 Fix header");
        assertThat(row.duration()).isEqualTo("1 min 15 s");
    }

    @Test
    void rollsBackToAnEarlierReadyDeploymentAndRefreshes() {
        vm.rollBackTo(vm.deployments().get(2));
        assertThat(calls).contains("rollback demo " + first);
        assertThat(banner.messageProperty().get()).isEqualTo("demo now serves " + first + ".");
        assertThat(vm.deployments())
                .extracting(r -> r.status() + (r.live() ? " · live" : ""))
                .containsExactly("READY", "FAILED", "READY · live");
    }

    @Test
    void refusesToRollBackToAFailedOrLiveDeployment() {
        vm.rollBackTo(vm.deployments().get(1));
        assertThat(banner.messageProperty().get()).contains("only a READY deployment can go live");
        vm.rollBackTo(vm.deployments().get(0));
        assertThat(banner.messageProperty().get()).contains("already live");
        assertThat(calls).noneMatch(c -> c.startsWith("rollback"));
    }

    @Test
    void redeploysWithSavedSettingsAndWatchesTheNewBuild() {
        vm.redeploy();
        assertThat(calls).contains("deploy repo=null slug=demo");
        assertThat(watched).hasSize(1);
    }

    @Test
    void viewLogWatchesThatDeploymentAndOpenUsesLiveUrl() {
        vm.viewLog(vm.deployments().get(1));
        assertThat(watched).extracting(DeploymentHandle::id).containsExactly(failed);
        vm.open();
        assertThat(opened).containsExactly("http://demo.localhost:8000/");
    }

    @Test
    void removalAsksFirstNamingWhatWillBeDeleted() {
        vm.requestRemoval();
        RemovalPlan plan = vm.pendingRemovalProperty().get();
        assertThat(plan).isNotNull();
        assertThat(calls).noneMatch(c -> c.startsWith("remove"));
        assertThat(ProjectsViewModel.removalQuestion(plan))
                .contains("Remove the project demo?")
                .contains("3 deployments")
                .contains("3 build logs")
                .contains("12 files (2.4 MB)");

        vm.confirmRemoval();
        assertThat(calls).contains("remove demo");
        assertThat(vm.pendingRemovalProperty().get()).isNull();
    }
}
