package dev.slipway.desktop.ui.projects;

import static dev.slipway.desktop.ui.FxHelpers.onFx;
import static dev.slipway.desktop.ui.FxHelpers.waitFor;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The deployments table's "Created" column (relative to now, the exact time in a tooltip, in the
 * viewer's zone) and its "Duration" column: the wording at each boundary, and the table showing it.
 */
@ExtendWith(ApplicationExtension.class)
class DeploymentRowCreatedTest {

    private static final Instant NOW = Instant.parse("2026-11-27T20:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private Stage stage;
    private TableView<DeploymentRow> table;

    private static Manifest manifest(Instant created, Instant finished) {
        return new Manifest(
                "demo",
                DeploymentId.newId().value(),
                finished == null ? DeploymentStatus.BUILDING : DeploymentStatus.READY,
                "https://g/o/demo",
                "main",
                "abcdef1234567890",
                "Fix header",
                created,
                finished,
                "vite",
                true,
                null,
                null);
    }

    private static DeploymentRow createdAgo(Duration age) {
        return new DeploymentRow(manifest(NOW.minus(age), null), false);
    }

    private static String relative(Duration age) {
        return createdAgo(age).createdRelative(NOW, ZoneOffset.UTC);
    }

    private static DeploymentRow took(Duration duration) {
        Instant created = NOW.minus(Duration.ofHours(1));
        return new DeploymentRow(manifest(created, created.plus(duration)), false);
    }

    @Test
    void saysHowLongAgoOnEitherSideOfEachBoundary() {
        Map<Duration, String> expected = new TreeMap<>();
        expected.put(Duration.ZERO, "just now");
        expected.put(Duration.ofSeconds(59), "just now");
        expected.put(Duration.ofSeconds(60), "1 min ago");
        expected.put(Duration.ofSeconds(119), "1 min ago");
        expected.put(Duration.ofMinutes(12), "12 min ago");
        expected.put(Duration.ofSeconds(3599), "59 min ago");
        expected.put(Duration.ofHours(1), "1 h ago");
        expected.put(Duration.ofHours(3), "3 h ago");
        expected.put(Duration.ofSeconds(86_399), "23 h ago");
        expected.put(Duration.ofDays(1), "yesterday");
        expected.put(Duration.ofSeconds(2 * 86_400 - 1), "yesterday");
        expected.put(Duration.ofDays(2), "2 days ago");
        expected.put(Duration.ofDays(4), "4 days ago");
        expected.put(Duration.ofSeconds(7 * 86_400 - 1), "6 days ago");
        expected.put(Duration.ofDays(7), "2026-11-20");
        expected.put(Duration.ofDays(40), "2026-10-18");

        Map<Duration, String> shown = new TreeMap<>();
        expected.keySet().forEach(age -> shown.put(age, relative(age)));
        assertThat(shown).containsExactlyEntriesOf(expected);
        // A builder whose clock runs ahead of this one: never "in 2 min".
        assertThat(relative(Duration.ofMinutes(-2))).isEqualTo("just now");
    }

    @Test
    void aWeekOrMoreShowsTheDateAndTheExactTimeInTheViewersZone() {
        // 23:30 UTC is already the next day in Berlin.
        DeploymentRow row =
                new DeploymentRow(
                        manifest(Instant.parse("2026-11-10T23:30:05Z"), null), false, null);
        assertThat(row.createdRelative(NOW, ZoneOffset.UTC)).isEqualTo("2026-11-10");
        assertThat(row.createdRelative(NOW, BERLIN)).isEqualTo("2026-11-11");
        assertThat(row.created(ZoneOffset.UTC)).isEqualTo("2026-11-10 23:30:05");
        assertThat(row.created(BERLIN)).isEqualTo("2026-11-11 00:30:05");
    }

    @Test
    void aDeploymentWithoutItsTimesShowsNoTimeAndNoDuration() {
        DeploymentRow unknown = new DeploymentRow(manifest(null, null), false);
        assertThat(unknown.createdRelative(NOW, ZoneOffset.UTC)).isEmpty();
        assertThat(unknown.created(ZoneOffset.UTC)).isEmpty();
        assertThat(unknown.duration()).isEmpty();
        // Still building: no duration yet.
        assertThat(createdAgo(Duration.ofMinutes(3)).duration()).isEmpty();
    }

    @Test
    void durationsAreSecondsUnderAMinuteThenMinutesWithTwoDigitSeconds() {
        assertThat(took(Duration.ZERO).duration()).isEqualTo("0 s");
        assertThat(took(Duration.ofMillis(59_999)).duration()).isEqualTo("59 s");
        assertThat(took(Duration.ofSeconds(60)).duration()).isEqualTo("1 min 00 s");
        assertThat(took(Duration.ofSeconds(75)).duration()).isEqualTo("1 min 15 s");
        assertThat(took(Duration.ofSeconds(3725)).duration()).isEqualTo("62 min 05 s");
        // A finish stamped before the start (clocks apart): zero, not a negative time.
        assertThat(took(Duration.ofSeconds(-5)).duration()).isEqualTo("0 s");
    }

    /** The project "demo" with the deployments the table test shows, newest first. */
    private static final List<Manifest> SHOWN =
            List.of(
                    manifest(NOW.minusSeconds(30), null),
                    manifest(NOW.minusSeconds(125), NOW.minusSeconds(50)),
                    manifest(NOW.minus(Duration.ofHours(3)), NOW.minusSeconds(3 * 3600 - 12)),
                    manifest(NOW.minus(Duration.ofHours(30)), NOW.minusSeconds(30 * 3600 - 61)),
                    manifest(
                            Instant.parse("2026-11-10T23:30:05Z"),
                            Instant.parse("2026-11-10T23:33:00Z")));

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** The projects view on {@link #SHOWN}, at a fixed now, in Berlin's time. */
    private void showTable() {
        ProjectService service =
                new ProjectService() {
                    @Override
                    public List<ProjectSummary> list() {
                        return List.of(
                                new ProjectSummary(
                                        new ProjectRecord(
                                                "demo",
                                                "https://g/o/demo",
                                                ProjectSettings.defaults(),
                                                null,
                                                NOW),
                                        null,
                                        DeploymentStatus.BUILDING));
                    }

                    @Override
                    public Optional<ProjectRecord> project(Slug project) {
                        return Optional.empty();
                    }

                    @Override
                    public List<Manifest> deployments(Slug project) {
                        return SHOWN;
                    }

                    @Override
                    public DeploymentId rollback(Slug project, DeploymentId id) {
                        return id;
                    }

                    @Override
                    public RemovalPlan planRemoval(Slug project) {
                        return new RemovalPlan(project, 0, 0, 0, 0);
                    }

                    @Override
                    public RemovalPlan remove(Slug project) {
                        return planRemoval(project);
                    }
                };
        DeployService deployer =
                new DeployService() {
                    @Override
                    public DeploymentHandle deploy(DeployRequest request) {
                        throw new UnsupportedOperationException("not deployed in this test");
                    }

                    @Override
                    public void cancel(DeploymentId id) {}
                };
        ProjectsViewModel vm =
                new ProjectsViewModel(
                        service,
                        deployer,
                        new CurrentThreadTaskRunner(),
                        url -> {},
                        new BannerViewModel(),
                        handle -> {});
        vm.refresh();
        vm.selectedProperty().set(vm.projects().get(0));
        ProjectsView view = new ProjectsView(vm, BERLIN, Clock.fixed(NOW, ZoneOffset.UTC));
        stage.setScene(new Scene(view.root(), 1240, 740));
        stage.show();
        @SuppressWarnings("unchecked")
        TableView<DeploymentRow> found =
                (TableView<DeploymentRow>) view.root().lookup("#deploymentTable");
        table = found;
    }

    /** What the cells of {@code header}'s column show, row by row. */
    private List<String> column(FxRobot robot, String header, boolean tooltips) {
        return onFx(
                () -> {
                    TableColumn<DeploymentRow, ?> col =
                            table.getColumns().stream()
                                    .filter(c -> header.equals(c.getText()))
                                    .findFirst()
                                    .orElseThrow();
                    Map<Integer, String> byRow = new TreeMap<>();
                    for (var node : robot.from(table).lookup(".table-cell").queryAll()) {
                        if (node instanceof TableCell<?, ?> cell
                                && cell.getTableColumn() == col
                                && !cell.isEmpty()) {
                            byRow.put(
                                    cell.getIndex(),
                                    tooltips
                                            ? cell.getTooltip() == null
                                                    ? null
                                                    : cell.getTooltip().getText()
                                            : cell.getText());
                        }
                    }
                    return List.copyOf(byRow.values());
                });
    }

    @Test
    void theTableShowsRelativeTimesWithTheExactTimeInATooltipAndTheDurations(FxRobot robot) {
        robot.interact(this::showTable);
        waitFor(Duration.ofSeconds(20), () -> column(robot, "Created", false).size() == 5);

        assertThat(column(robot, "Created", false))
                .containsExactly("just now", "2 min ago", "3 h ago", "yesterday", "2026-11-11");
        assertThat(column(robot, "Created", true))
                .containsExactly(
                        "2026-11-27 20:59:30",
                        "2026-11-27 20:57:55",
                        "2026-11-27 18:00:00",
                        "2026-11-26 15:00:00",
                        "2026-11-11 00:30:05");
        assertThat(column(robot, "Duration", false))
                .containsExactly("", "1 min 15 s", "12 s", "1 min 01 s", "2 min 55 s");
    }
}
